using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using Bunit;
using G2G.Engine.Expressions;
using G2G.Runtime.Forms;
using G2G.Web.Components;
using G2G.Web.Components.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace G2G.Web.Components.Tests;

/// <summary>The form renderer: each field kind, read-only fields, client hints and the server's messages at their fields.</summary>
public sealed class FormRendererTests : WorkContext
{
    /// <summary>One of every kind the renderer draws, labelled in both languages as the procedures' forms are.</summary>
    private const string Schema = """
        {"components":[
          {"type":"textfield","key":"title","label":"标题 Title","validate":{"required":true,"minLength":2,"maxLength":20}},
          {"type":"textarea","key":"reason","label":"事由 Reason"},
          {"type":"number","key":"days","label":"天数 Days","validate":{"min":0.5,"max":30}},
          {"type":"number","key":"amount","label":"金额 Amount","properties":{"kind":"money"}},
          {"type":"date","key":"from","label":"期间 Period","properties":{"rangeEnd":"to"},"validate":{"required":true}},
          {"type":"date","key":"to","label":"结束 To"},
          {"type":"date","key":"due","label":"到期日 Due"},
          {"type":"select","key":"kind","label":"类别 Kind","values":[{"value":"a","label":"甲 A"},{"value":"b","label":"乙 B"}]},
          {"type":"radio","key":"decision","label":"结果 Decision","values":[{"value":"approve","label":"同意 Approve"},{"value":"reject","label":"不同意 Reject"}]},
          {"type":"checkbox","key":"urgent","label":"加急 Urgent"},
          {"type":"checklist","key":"copies","label":"分送 Copies","values":[{"value":"x","label":"办公室 Office"},{"value":"y","label":"财务 Finance"}]},
          {"type":"textfield","key":"colleague","label":"同事 Colleague","properties":{"kind":"user"}},
          {"type":"textfield","key":"department","label":"处室 Department","properties":{"kind":"department"}},
          {"type":"taglist","key":"readers","label":"阅知人 Readers","properties":{"kind":"user"}},
          {"type":"textfield","key":"number","label":"文号 Number","readonly":true},
          {"type":"dynamiclist","path":"lines","label":"物品 Items","validate":{"required":true,"min":1},"components":[
            {"type":"textfield","key":"item","label":"编号 Code","validate":{"required":true}},
            {"type":"number","key":"quantity","label":"数量 Quantity","validate":{"required":true,"min":1}}]}
        ]}
        """;

    private IStringLocalizer<WorkText> T => Services.GetRequiredService<IStringLocalizer<WorkText>>();

    private static FormModel Model(IReadOnlyDictionary<string, Value>? values = null)
    {
        var schema = FormSchema.Parse(Schema);
        using var json = JsonDocument.Parse(Schema);
        var model = new FormModel(FormModel.FieldsOf(schema.Fields, json.RootElement.Clone()), values);
        if (values is not null)
            model.JoinRanges(values);
        return model;
    }

    private IRenderedComponent<FormRenderer> Render(FormModel model, bool readOnly = false) =>
        Context.Render<FormRenderer>(p => p.Add(r => r.Model, model).Add(r => r.ReadOnly, readOnly));

    private static string LabelOf(IRenderedComponent<FormRenderer> form, string id) =>
        form.Find($"label[for='{id}']").TextContent.Trim();

    [Fact]
    public void EveryKind_IsDrawnWithItsInput_AndItsLabelInThePagesLanguage()
    {
        var form = Render(Model());

        Assert.Equal("text", form.Find("#field-title").GetAttribute("type"));
        Assert.StartsWith("标题", LabelOf(form, "field-title"), StringComparison.Ordinal);
        Assert.Equal("textarea", form.Find("#field-reason").TagName.ToLowerInvariant());
        Assert.Equal("decimal", form.Find("#field-days").GetAttribute("inputmode"));
        Assert.Contains("¥", form.Find("#field-amount").ParentElement!.TextContent, StringComparison.Ordinal); // money
        Assert.Equal("date", form.Find("#field-due").GetAttribute("type"));
        Assert.Equal("date", form.Find("#field-from").GetAttribute("type")); // a range: two dates, the end not a field of its own
        Assert.Equal("date", form.Find("#field-from-end").GetAttribute("type"));
        Assert.Empty(form.FindAll("#field-to"));
        Assert.NotNull(form.Find("#field-kind").Closest(".mud-select"));
        Assert.Equal(["同意", "不同意"], form.FindAll(".g2g-choice").First(f => f.TextContent.Contains("结果", StringComparison.Ordinal))
            .QuerySelectorAll(".mud-radio").Select(r => r.TextContent.Trim()));
        Assert.Contains(form.FindAll("label"), l => l.TextContent.Contains("加急", StringComparison.Ordinal));
        Assert.Equal(2, form.FindAll(".g2g-choice").First(f => f.TextContent.Contains("分送", StringComparison.Ordinal))
            .QuerySelectorAll("input[type=checkbox]").Length);
        Assert.NotNull(form.Find("#field-colleague")); // the pickers: an autocomplete each
        Assert.NotNull(form.Find("#field-department"));
        Assert.NotNull(form.Find("#field-readers"));
        Assert.Equal(["#", "编号 *", "数量 *"], form.Find(".g2g-lines thead").QuerySelectorAll("th").Take(3).Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public void Labels_AreEnglish_OnAnEnglishPage()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");

        var form = Render(Model());

        Assert.StartsWith("Title", LabelOf(form, "field-title"), StringComparison.Ordinal);
        Assert.Contains("Add a line", form.Find(".g2g-lines").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOnlyFields_ShowTheirValue_WithoutAnInputToChangeIt()
    {
        var form = Render(Model(new Dictionary<string, Value> { ["number"] = Value.From("示财〔2026〕7号"), ["title"] = Value.From("年度预算") }));

        var number = form.Find("#field-number");
        Assert.True(number.HasAttribute("readonly"));
        Assert.Equal("示财〔2026〕7号", number.GetAttribute("value"));
        Assert.False(form.Find("#field-title").HasAttribute("readonly"));

        var done = Render(Model(new Dictionary<string, Value> { ["kind"] = Value.From("b") }), readOnly: true);
        Assert.All(done.FindAll("input:not([type=hidden])"), input => Assert.True(input.HasAttribute("readonly") || input.HasAttribute("disabled")));
        Assert.Equal("乙", done.Find("#field-kind").GetAttribute("value")); // the choice's label, not its value
        Assert.Empty(done.FindAll(".g2g-lines button"));
    }

    [Fact]
    public void ClientHints_AreShownAtTheirFields_InThePagesLanguage()
    {
        var model = Model();
        model["title"] = "x";
        model["days"] = 40m;

        Assert.False(model.Check(T));
        var form = Render(model);

        Assert.Equal("标题至少需要 2 个字。", form.Find("#field-title-error").TextContent.Trim());
        Assert.Equal("天数不能大于 30。", form.Find("#field-days-error").TextContent.Trim());
        Assert.Equal("请填写期间。", form.Find("#field-from-error").TextContent.Trim());
        Assert.Equal("请填写物品。", form.Find("#field-lines-error").TextContent.Trim());
        Assert.Equal("field-title-error", form.Find("#field-title").GetAttribute("aria-describedby"));
        Assert.Equal("x", form.Find("#field-title").GetAttribute("value")); // what was typed stays
    }

    [Fact]
    public void ServerMessages_AreShownAtTheFieldsTheyName_IncludingACellOfALine()
    {
        var model = Model();
        model.AddLine(model.Fields.Single(f => f.Key == "lines"));
        model.SetLineValue("lines", 0, "item", "A-7");
        model.SetServerErrors(new Dictionary<string, string[]>
        {
            ["lines[0].item"] = ["物品 A-7 已停用。"], ["to"] = ["结束日期早于开始日期。"],
        });

        var form = Render(model);

        Assert.Equal("物品 A-7 已停用。", form.Find("#field-lines-0--item-error").TextContent.Trim());
        Assert.Equal("结束日期早于开始日期。", form.Find("#field-to-error").TextContent.Trim()); // the range's end, under the range
        Assert.Equal("A-7", form.Find("#field-lines-0--item").GetAttribute("value"));
    }

    [Fact]
    public void Typing_ClearsTheFieldsMessage_AndGoesIntoTheSubmission()
    {
        var model = Model();
        model.Check(T);
        var form = Render(model);

        form.Find("#field-title").Input("预算调整");
        form.Find("#field-days").Input("2.5");
        form.Find("#field-from").Change("2027-03-10");
        form.Find("#field-from-end").Change("2027-03-12");
        form.Find(".g2g-lines button").Click(); // 添加一行
        form.Find("#field-lines-0--item").Input("A-7");
        form.Find("#field-lines-0--quantity").Input("3");

        Assert.Empty(form.FindAll("#field-title-error"));
        var submission = model.Submission();
        Assert.Equal(Value.From("预算调整"), submission["title"]);
        Assert.Equal(Value.From(2.5m), submission["days"]);
        Assert.Equal(Value.From("2027-03-10"), submission["from"]);
        Assert.Equal(Value.From("2027-03-12"), submission["to"]);
        var line = Assert.IsType<RecordValue>(Assert.Single(Assert.IsType<ListValue>(submission["lines"]).Items));
        Assert.Equal(Value.From("A-7"), line.Fields["item"]);
        Assert.Equal(Value.From(3m), line.Fields["quantity"]);
        Assert.False(submission.ContainsKey("number")); // read-only: never submitted
        Assert.False(submission.ContainsKey("reason")); // left blank: not given
        Assert.Empty(FormValidator.Validate(FormSchema.Parse(Schema), submission)); // what the server will accept
    }
}
