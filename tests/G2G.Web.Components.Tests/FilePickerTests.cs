using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bunit;
using G2G.Documents;
using G2G.Documents.Storage;
using G2G.Engine.Expressions;
using G2G.Runtime.Forms;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using G2G.Web.Components.Work;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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

    private const string LinesSchema = """
        {"components":[
          {"type":"dynamiclist","key":"receipts","label":"票据 Receipts","components":[
            {"type":"textfield","key":"item","label":"事项 Item"},
            {"type":"filepicker","key":"scan","label":"扫描件 Scan","accept":".pdf","validate":{"required":true}}
          ]}
        ]}
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "g2g-form-files-" + Guid.NewGuid().ToString("N"));
    private readonly DocumentsOptions _options = new() { FilesPath = "files", MaxFileBytes = 64 };
    private readonly FileStore _files;

    /// <summary>Uploads are recorded in a runtime database of the test's own (SQLite), as 郑凯's.</summary>
    public FilePickerTests()
    {
        _files = new FileStore(Options.Create(_options), new FileStoreRoot(_folder));
        Directory.CreateDirectory(_folder);
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "runtime.db")}");
        var services = Context.Services;
        services.AddSingleton(settings);
        services.AddDbContext<G2GDbContext>(settings.Configure);
        services.AddSingleton<SqliteWriteGate>();
        services.AddScoped<FormUploads>();
        services.AddScoped(p => new FormFileStore(_files, Options.Create(_options), null!, p.GetRequiredService<FormUploads>(),
            p.GetRequiredService<CallerContext>()));
        Services.GetRequiredService<CallerContext>().Current =
            new Caller("zheng.kai", "sf-fin", "sf-fin-ysc-1", ClearanceLevel.Internal, [], [], null);
        Services.GetRequiredService<G2GDbContext>().Database.Migrate();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static FormModel Model(IReadOnlyDictionary<string, Value>? values = null, string schema = Schema)
    {
        using var json = JsonDocument.Parse(schema);
        return new FormModel(FormModel.FieldsOf(FormSchema.Parse(schema).Fields, json.RootElement.Clone()), values);
    }

    private IReadOnlyList<FormUploadRecord> Uploads() => [.. Services.GetRequiredService<G2GDbContext>().Set<FormUploadRecord>().AsNoTracking()];

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
        var upload = Assert.Single(Uploads());
        Assert.Equal((new FieldFile("证明.pdf", "application/pdf", 12, sha256), "zheng.kai", null), (upload.File, upload.UploadedBy, upload.InstanceId));
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
        Assert.Empty(Uploads());
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

    [Fact]
    public void AFileColumn_TakesFilesPerLine_AndEachLineShowsItsOwnWhenReadOnly()
    {
        var model = Model(schema: LinesSchema);
        var form = Render(model);
        form.Find(".g2g-lines button").Click(); // 添加一行
        form.Find(".g2g-lines button:not([aria-label])").Click();

        Input(form, "receipts[0].scan").UploadFiles(InputFileContent.CreateFromText("一号票据", "票据1.pdf", contentType: "application/pdf"));
        form.WaitForAssertion(() => Assert.Contains("票据1.pdf", form.Find("[data-files=scan]").TextContent, StringComparison.Ordinal));
        Input(form, "receipts[1].scan").UploadFiles(InputFileContent.CreateFromText("x", "notes.txt", contentType: "text/plain"));
        form.WaitForAssertion(() => Assert.Equal("“扫描件”不接受文件“notes.txt”的类型，可上传：.pdf。",
            form.Find("#field-receipts-1--scan-error").TextContent.Trim()));
        Assert.Equal("扫描件（第 2 行）", form.Find("label[for='field-receipts-1--scan']").TextContent.Trim());

        var hints = Services.GetRequiredService<IStringLocalizer<WorkText>>();
        Assert.False(model.Check(hints)); // the second line has no file yet
        Assert.Equal("请填写扫描件。", model.ErrorText("receipts[1].scan"));
        Input(form, "receipts[1].scan").UploadFiles(InputFileContent.CreateFromText("二号票据", "票据2.pdf", contentType: "application/pdf"));
        form.WaitForAssertion(() => Assert.Equal(2, Uploads().Count));
        Assert.True(model.Check(hints));

        var lines = Assert.IsType<ListValue>(model.Submission()["receipts"]);
        Assert.Equal(["票据1.pdf", "票据2.pdf"],
            lines.Items.Select(line => Assert.Single(FormFiles.Read(((RecordValue)line).Fields["scan"])!).Name));
        var submitted = new Dictionary<string, Value> { ["receipts"] = lines };
        Assert.Empty(FormValidator.Validate(FormSchema.Parse(LinesSchema), submitted));

        var readOnly = Render(Model(submitted, LinesSchema), readOnly: true);
        var links = readOnly.FindAll(".g2g-lines tbody tr a");
        Assert.Equal(["票据1.pdf", "票据2.pdf"], links.Select(a => a.TextContent.Trim()));
        Assert.Equal($"api/v1/instances/7/files/{Uploads().Single(u => u.Name == "票据2.pdf").Sha256}", links[1].GetAttribute("href"));
        Assert.Empty(readOnly.FindAll("input[type=file]"));
    }
}
