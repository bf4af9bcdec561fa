using Bunit;
using G2G.Runtime;
using G2G.Runtime.Organisation;
using G2G.Web.Components.Admin;

namespace G2G.Web.Components.Tests;

/// <summary>
/// The administration's forms: each bad input named at its field with nothing sent, what will be created said in words,
/// a taken id said at the id and any other refusal of the runtime above the button, what was typed kept.
/// </summary>
public sealed class AdminFormsTests : WorkContext
{

    private static readonly AgencyView Finance = new("sf-fin", "示范省财政厅", "示财", AgencyKind.Bureau, "sf", "/sf/sf-fin/", true);
    private static readonly DepartmentView Office = new("sf-fin-bgs", "sf-fin", null, "办公室", "zhang.min", true);
    private readonly List<NewUser> _users = [];
    private readonly List<NewDepartment> _departments = [];

    private IRenderedComponent<PersonForm> PersonForm(Func<NewUser, Task>? save = null) =>
        Context.Render<PersonForm>(p => p
            .Add(f => f.Agencies, [Finance])
            .Add(f => f.Departments, _ => Task.FromResult<IReadOnlyList<DepartmentView>>([Office]))
            .Add(f => f.Save, save ?? (u => { _users.Add(u); return Task.CompletedTask; })));

    private static async Task ChooseAgencyAsync(IRenderedComponent<PersonForm> form)
    {
        var select = form.FindComponents<MudBlazor.MudSelect<string>>()[0];
        await form.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("sf-fin"));
    }

    [Fact]
    public void APersonWithNothingFilledIn_IsRefusedAtEachField_AndNotSent()
    {
        var form = PersonForm();

        form.Find("[data-action=create-person]").Click();

        form.WaitForAssertion(() => Assert.Equal("请填写用户名。", form.Find("#person-id-error").TextContent.Trim())); // validated asynchronously
        Assert.Equal("请填写姓名。", form.Find("#person-name-error").TextContent.Trim());
        Assert.Contains("请选择机关。", form.Markup, StringComparison.Ordinal);
        Assert.Empty(_users);
    }

    [Fact]
    public async Task ABadUserNameAndEmail_AreSaidAtTheirFields_AndAGoodPersonIsSentAsTyped()
    {
        var form = PersonForm();
        await ChooseAgencyAsync(form);
        Typing.Type(form, "#person-id", "li xiaoming");
        Typing.Type(form, "#person-name", "李晓明");
        Typing.Type(form, "#person-email", "li.xiaoming at example.org");
        form.Find("[data-action=create-person]").Click();

        // The form validates asynchronously before it saves: wait for its messages (a busy machine once asserted before them).
        form.WaitForAssertion(() => Assert.StartsWith("用户名只能由字母", form.Find("#person-id-error").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal("电子邮箱格式不正确。", form.Find("#person-email-error").TextContent.Trim());
        Assert.Empty(_users);

        Typing.Type(form, "#person-id", "li.xiaoming");
        Typing.Type(form, "#person-email", "li.xiaoming@example.org");
        Assert.Equal("将在 示范省财政厅 新建用户 李晓明（li.xiaoming），涉密等级 非密；未设密码，暂不能登录。",
            form.Find("#person-consequence").TextContent.Trim());
        form.Find("[data-action=create-person]").Click();

        form.WaitForAssertion(() => Assert.Equal(
            new NewUser("li.xiaoming", "李晓明", null, "sf-fin", ClearanceLevel.Unclassified, "li.xiaoming@example.org"), Assert.Single(_users)));
    }

    [Fact]
    public async Task ATakenUserName_IsSaidAtTheUserName_AndOtherRefusalsAboveTheButton()
    {
        var refusal = new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.UserExists("zhang.min"));
        var form = PersonForm(_ => throw refusal);
        await ChooseAgencyAsync(form);
        Typing.Type(form, "#person-id", "zhang.min");
        Typing.Type(form, "#person-name", "张敏");
        form.Find("[data-action=create-person]").Click();

        form.WaitForAssertion(() => Assert.Contains("zhang.min", form.Find("#person-id-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(form.FindAll("[data-refusal]"));
        Assert.Equal("zhang.min", form.Find("#person-id").GetAttribute("value"));

        refusal = new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.EmailInvalid("x"));
        form.Find("[data-action=create-person]").Click();
        form.WaitForAssertion(() => Assert.NotEmpty(form.Find("[data-refusal]").TextContent.Trim()));
    }

    [Fact]
    public void ADepartmentCode_MustBeLowercase_AndTheConsequenceNamesWhereItGoes()
    {
        var form = Context.Render<DepartmentForm>(p => p
            .Add(f => f.AgencyId, "sf-fin").Add(f => f.AgencyName, "示范省财政厅").Add(f => f.Existing, [Office])
            .Add(f => f.Save, d => { _departments.Add(d); return Task.CompletedTask; }));

        form.Find("[data-action=create-department]").Click();
        form.WaitForAssertion(() => Assert.Equal("请填写代码。", form.Find("#department-id-error").TextContent.Trim()));
        Assert.Equal("请填写名称。", form.Find("#department-name-error").TextContent.Trim());

        Typing.Type(form, "#department-id", "SF-FIN-ZFC");
        Typing.Type(form, "#department-name", "政府采购处");
        form.Find("[data-action=create-department]").Click();
        form.WaitForAssertion(() => Assert.StartsWith("代码只能由小写字母", form.Find("#department-id-error").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Empty(_departments);

        Typing.Type(form, "#department-id", "sf-fin-zfc");
        Assert.Equal("将在 示范省财政厅 下直设处室“政府采购处”（代码 sf-fin-zfc）。", form.Find("#department-consequence").TextContent.Trim());
        form.Find("[data-action=create-department]").Click();
        // The click's handler validates asynchronously before it saves: wait for the save (CI once asserted before it).
        form.WaitForAssertion(() => Assert.Equal(new NewDepartment("sf-fin-zfc", "sf-fin", "政府采购处"), Assert.Single(_departments)));
    }
}
