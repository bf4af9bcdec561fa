using G2G.Engine.Expressions;
using G2G.Runtime.Forms;

namespace G2G.Runtime.Tests.Forms;

public class FormValidatorTests
{
    internal const string LeaveForm = """
        {
          "components": [
            { "type": "text", "text": "# 请假申请" },
            { "type": "select", "key": "type", "label": "假别", "values": [ { "label": "年假", "value": "annual" }, { "label": "病假", "value": "sick" } ], "validate": { "required": true } },
            { "type": "number", "key": "days", "label": "天数", "validate": { "required": true, "min": 0.5, "max": 30 } },
            { "type": "textfield", "key": "reason", "label": "事由", "validate": { "required": true, "minLength": 2, "maxLength": 50 } },
            { "type": "textfield", "key": "phone", "label": "联系电话", "validate": { "pattern": "^1[0-9]{10}$" } },
            { "type": "date", "key": "from", "label": "开始日期" },
            { "type": "checkbox", "key": "abroad", "label": "是否出境" },
            { "type": "textfield", "key": "approvedDays", "label": "批准天数", "readonly": true },
            { "type": "dynamiclist", "path": "trips", "label": "行程", "validate": { "max": 2 },
              "components": [ { "type": "textfield", "key": "city", "label": "城市", "validate": { "required": true } },
                              { "type": "number", "key": "cost", "label": "费用", "validate": { "min": 0 } } ] }
          ]
        }
        """;

    /// <summary>The problems by field, in English.</summary>
    private static Dictionary<string, string[]> Validate(params (string Key, object? Value)[] values) =>
        FormValidator.Validate(FormSchema.Parse(LeaveForm), values.ToDictionary(v => v.Key, v => Value.FromObject(v.Value)))
            .ToDictionary(e => e.Key, e => Array.ConvertAll(e.Value, text => text.English));

    [Fact]
    public void ValidSubmission_HasNoErrors()
    {
        var errors = Validate(("type", "annual"), ("days", 3), ("reason", "探亲访友"), ("phone", "13800000000"), ("from", "2026-12-01"),
            ("abroad", false), ("trips", new[] { new Dictionary<string, object?> { ["city"] = "广州", ["cost"] = 300 } }));

        Assert.Empty(errors);
    }

    [Fact]
    public void BadSubmission_ReportsEveryFieldError_ByPath()
    {
        var errors = Validate(("type", "vacation"), ("days", 45), ("reason", "x"), ("phone", "12345"), ("abroad", "yes"),
            ("approvedDays", "10"), ("salary", 1),
            ("trips", new object[] { new Dictionary<string, object?> { ["cost"] = -1 }, new Dictionary<string, object?> { ["city"] = "深圳" }, new Dictionary<string, object?> { ["city"] = "珠海" } }));

        Assert.Equal(
            ["abroad", "approvedDays", "days", "phone", "reason", "salary", "trips", "trips[0].city", "trips[0].cost", "type"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("at most 30", errors["days"][0], StringComparison.Ordinal);
        Assert.Contains("'批准天数' cannot be changed", errors["approvedDays"][0], StringComparison.Ordinal);
        Assert.Contains("not part of the form", errors["salary"][0], StringComparison.Ordinal);
        Assert.Contains("at most 2 line", errors["trips"][0], StringComparison.Ordinal);
        Assert.Contains("annual, sick", errors["type"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequiredFields_AreEachNamed()
    {
        var errors = Validate(("reason", ""));

        Assert.Equal(["days", "reason", "type"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("'天数' is required.", errors["days"].Single());
    }

    [Fact]
    public void Schema_WithoutComponents_IsRefusedClearly()
    {
        var error = Assert.Throws<FormatException>(() => FormSchema.Parse("""{ "fields": [] }"""));

        Assert.Contains("components", error.Message, StringComparison.Ordinal);
    }

    // Found by the fuzzer (FormFuzzTests): each of these was deployed, or threw past deployment's check, and then failed
    // every submission of the task with an exception (duplicate key, bad pattern) or stopped the deployment (overflow, root).
    [Theory]
    [InlineData("""[]""", "components")]
    [InlineData("""{ "components": [ { "type": "number", "key": "n" }, { "type": "textfield", "key": "n" } ] }""", "components[1] (textfield) has the key \"n\" of components[0]")]
    [InlineData("""{ "components": [ { "type": "textfield", "key": "t", "validate": { "pattern": "(" } } ] }""", "components[0] has a \"pattern\" that is not a regular expression")]
    [InlineData("""{ "components": [ { "type": "textfield", "key": "t", "validate": { "maxLength": 1e20 } } ] }""", "\"maxLength\": 100000000000000000000; it must be a whole number")]
    [InlineData("""{ "components": [ { "type": "textfield", "key": "t", "validate": { "minLength": -1 } } ] }""", "\"minLength\": -1")]
    [InlineData("""{ "components": [ { "type": "textfield", "key": "t", "validate": { "minLength": 2.5 } } ] }""", "\"minLength\": 2.5")]
    public void UnusableSchema_IsRefusedWithTheComponentNamed(string schema, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FormSchema.Parse(schema));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SameKey_InTwoLineTables_IsFine()
    {
        var schema = FormSchema.Parse("""
            { "components": [ { "type": "dynamiclist", "path": "a", "components": [ { "type": "textfield", "key": "name" } ] },
                              { "type": "dynamiclist", "path": "b", "components": [ { "type": "textfield", "key": "name" } ] } ] }
            """);

        Assert.Equal(["a", "b"], schema.Fields.Select(f => f.Key));
    }

    private const string FilesForm = """
        { "components": [
            { "type": "filepicker", "key": "scan", "label": "扫描件", "accept": ".pdf, image/*", "validate": { "required": true } },
            { "type": "filepicker", "key": "more", "label": "其他材料", "multiple": true } ] }
        """;

    private static Dictionary<string, object?> File(string name, string type, object size, string sha256 = "") => new()
    {
        ["name"] = name, ["contentType"] = type, ["size"] = size, ["sha256"] = sha256.Length > 0 ? sha256 : new string('a', 64),
    };

    [Fact]
    public void FileFields_TakeListsOfStoredFileRecords_OfTheAcceptedTypes()
    {
        var schema = FormSchema.Parse(FilesForm);
        Dictionary<string, string[]> Check(params (string Key, object? Value)[] values) =>
            FormValidator.Validate(schema, values.ToDictionary(v => v.Key, v => Value.FromObject(v.Value)))
                .ToDictionary(e => e.Key, e => Array.ConvertAll(e.Value, text => text.English));

        Assert.Equal([".pdf", "image/*"], schema.Fields[0].Accept);
        Assert.True(schema.Fields[1].Multiple);
        Assert.Empty(Check(("scan", new[] { File("证明.PDF", "application/octet-stream", 1200) }),
            ("more", new[] { File("a.txt", "text/plain", 3), File("b.png", "image/png", 9) })));
        Assert.Empty(Check(("scan", new[] { File("photo", "image/jpeg", 1) })));

        var errors = Check(("scan", new[] { File("a.docx", "application/msword", 10), File("b.pdf", "application/pdf", 10) }),
            ("more", new[] { File("../x.pdf", "application/pdf", 10) }));
        Assert.Equal("'扫描件' takes one file only.", errors["scan"][0]);
        Assert.Equal("'扫描件' does not take the type of the file 'a.docx'; it takes: .pdf, image/*.", errors["scan"][1]);
        Assert.Contains("list of uploaded files", errors["more"].Single(), StringComparison.Ordinal);

        Assert.Contains("is required", Check(("scan", Array.Empty<object>())).Single().Value.Single(), StringComparison.Ordinal);
        Assert.Contains("is required", Check().Single().Value.Single(), StringComparison.Ordinal);
        foreach (var bad in new object[] { "a.pdf", File("a.pdf", "application/pdf", 0), File("a.pdf", "application/pdf", 1.5),
            File("a.pdf", "application/pdf", 1, new string('A', 64)), File("a.pdf", "", 1) })
            Assert.Contains("list of uploaded files", Check(("scan", bad is string ? bad : new[] { bad }))["scan"].Single(), StringComparison.Ordinal);
    }
}
