using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bunit;
using G2G.Documents;
using G2G.Documents.Storage;
using G2G.Engine.Expressions;
using G2G.Runtime.Forms;
using G2G.Web.Components.Work;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace G2G.Web.Components.Tests;

/// <summary>
/// A form's file field: files are stored (content-addressed, as the documents' files) as they are chosen and go into the
/// submission as references; a type the field or the store does not take, or a file over the size limit, is refused at
/// the field and nothing is added; stored files can be read back through their links.
/// </summary>
public sealed class FilePickerTests : WorkContext, IDisposable
{
    private const string Schema = """
        {"components":[
          {"type":"filepicker","key":"scan","label":"证明材料 Certificate","accept":".pdf,image/*","validate":{"required":true}},
          {"type":"filepicker","key":"more","label":"其他 Other","multiple":true}
        ]}
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "g2g-form-files-" + Guid.NewGuid().ToString("N"));
    private readonly DocumentsOptions _options = new() { FilesPath = "files", MaxFileBytes = 64 };
    private readonly FileStore _files;

    public FilePickerTests()
    {
        _files = new FileStore(Options.Create(_options), new FileStoreRoot(_folder));
        Context.Services.AddSingleton(new FormFileStore(_files, Options.Create(_options), null!));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static FormModel Model(IReadOnlyDictionary<string, Value>? values = null)
    {
        using var json = JsonDocument.Parse(Schema);
        return new FormModel(FormModel.FieldsOf(FormSchema.Parse(Schema).Fields, json.RootElement.Clone()), values);
    }

    private IRenderedComponent<FormRenderer> Render(FormModel model, bool readOnly = false) =>
        Context.Render<FormRenderer>(p => p.Add(r => r.Model, model).Add(r => r.ReadOnly, readOnly).Add(r => r.InstanceId, 7));

    private static IRenderedComponent<InputFile> Input(IRenderedComponent<FormRenderer> form, string key) =>
        form.FindComponents<InputFile>().Single(i => (string?)i.Instance.AdditionalAttributes?["id"] == FormRenderer.InputId(key));

    [Fact]
    public void AChosenFile_IsStored_AndSubmittedAsAReference()
    {
        var model = Model();
        var form = Render(model);
        Assert.Equal(".pdf,image/*", form.Find("#field-scan").GetAttribute("accept"));
        Assert.Null(form.Find("#field-scan").GetAttribute("multiple"));
        Assert.NotNull(form.Find("#field-more").GetAttribute("multiple"));
        Assert.Contains("每个文件不超过 64 B，可上传：.pdf, image/*", form.Find("[data-files=scan]").TextContent, StringComparison.Ordinal);

        Input(form, "scan").UploadFiles(InputFileContent.CreateFromText("病假证明", "证明.pdf", contentType: "application/pdf"));

        form.WaitForAssertion(() => Assert.Contains("证明.pdf", form.Find("[data-files=scan]").TextContent, StringComparison.Ordinal));
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("病假证明")));
        Assert.Equal("病假证明", Encoding.UTF8.GetString(_files.Read(sha256)));
        var submitted = FormFiles.Read(model.Submission()["scan"]);
        Assert.Equal(new FieldFile("证明.pdf", "application/pdf", 12, sha256), Assert.Single(submitted!));
        Assert.Empty(form.FindAll("#field-scan")); // one file only: removed before another is chosen
        Assert.Empty(form.FindAll("[data-files=scan] a")); // not readable back before it is submitted
        Assert.True(model.Check(Services.GetRequiredService<IStringLocalizer<WorkText>>()));

        form.Find("[data-files=scan] button[aria-label='移除文件 证明.pdf']").Click();
        Assert.Empty(model.Submission());
        Assert.NotNull(form.Find("#field-scan"));
    }

    [Theory]
    [InlineData("notes.txt", "text/plain", "abc", "“证明材料”不接受文件“notes.txt”的类型，可上传：.pdf, image/*。")]
    [InlineData("setup.exe", "application/x-msdownload", "MZ", "不接受类型为“application/x-msdownload”的附件。")]
    [InlineData("big.pdf", "application/pdf", "0123456789012345678901234567890123456789012345678901234567890123456789", "附件不超过 64 字节。")]
    [InlineData("empty.pdf", "application/pdf", "", "附件为空。")]
    public void ARefusedFile_IsSaidAtTheField_AndNothingIsAdded(string name, string type, string content, string message)
    {
        var model = Model();
        var form = Render(model);

        Input(form, "scan").UploadFiles(InputFileContent.CreateFromText(content, name, contentType: type));

        form.WaitForAssertion(() => Assert.Equal(message, form.Find("#field-scan-error").TextContent.Trim()));
        Assert.Equal("true", form.Find("#field-scan").GetAttribute("aria-invalid"));
        Assert.Empty(model.Submission());
        Assert.False(Directory.Exists(Path.Combine(_folder, "files")) && Directory.EnumerateFiles(Path.Combine(_folder, "files"), "*.bin", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public void SeveralFiles_AddUp_InAMultipleField()
    {
        var model = Model();
        var form = Render(model);

        Input(form, "more").UploadFiles(InputFileContent.CreateFromText("a", "a.txt", contentType: "text/plain"),
            InputFileContent.CreateFromText("b", "b.csv", contentType: "text/csv"));
        form.WaitForAssertion(() => Assert.Equal(2, FormFiles.Read(model.Submission()["more"])!.Count));
        Input(form, "more").UploadFiles(InputFileContent.CreateFromText("c", "c.txt", contentType: "text/plain"));

        form.WaitForAssertion(() => Assert.Equal(["a.txt", "b.csv", "c.txt"], FormFiles.Read(model.Submission()["more"])!.Select(f => f.Name)));
    }

    [Fact]
    public void StoredFiles_AreLinks_AndAMissingRequiredFileIsHinted()
    {
        var sha256 = _files.Put("扫描件"u8);
        var held = new Dictionary<string, Value> { ["scan"] = FormFiles.ToValue([new FieldFile("扫描件.png", "image/png", 9, sha256)]) };

        var readOnly = Render(Model(held), readOnly: true);
        var link = readOnly.Find("[data-files=scan] a");
        Assert.Equal($"api/v1/instances/7/files/{sha256}", link.GetAttribute("href"));
        Assert.Equal("扫描件.png", link.TextContent.Trim());
        Assert.Empty(readOnly.FindAll("input[type=file]"));
        Assert.Contains("未上传文件", readOnly.Find("[data-files=more]").TextContent, StringComparison.Ordinal);

        var empty = Model();
        Assert.False(empty.Check(Services.GetRequiredService<IStringLocalizer<WorkText>>()));
        var form = Render(empty);
        Assert.Equal("请填写证明材料。", form.Find("#field-scan-error").TextContent.Trim());
    }
}
