using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Queries;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// A form's file field in a real browser: a refused type is said at the field, an accepted file is stored as it is chosen
/// and submitted with the form (also one in a line of a table), the next step's holder reads each back through its
/// link, and someone of another agency cannot.
/// </summary>
public sealed class FormFilesBrowserTests(BrowserWorld<SqliteTestDatabase> world) : IClassFixture<BrowserWorld<SqliteTestDatabase>>
{
    private static readonly byte[] Certificate = "%PDF-1.4 病假证明 (fixture)"u8.ToArray();
    private static readonly byte[] Ticket = "%PDF-1.4 车票 (fixture)"u8.ToArray();

    [BrowserFact]
    public async Task AFileIsUploadedWithTheForm_AndTheNextStepReadsItBack()
    {
        var instance = await StartAsync();
        var clerk = await world.SignedInAsync("zheng.kai");
        await world.OpenAsync(clerk, $"/tasks/{await OpenTaskAsync(instance)}");

        await clerk.SetInputFilesAsync("#field-scan", new FilePayload { Name = "说明.txt", MimeType = "text/plain", Buffer = "x"u8.ToArray() });
        await Assertions.Expect(clerk.Locator("#field-scan-error")).ToContainTextAsync("不接受文件“说明.txt”的类型");
        await clerk.SetInputFilesAsync("#field-scan", new FilePayload { Name = "病假证明.pdf", MimeType = "application/pdf", Buffer = Certificate });
        await clerk.Locator("[data-files=scan] li", new() { HasText = "病假证明.pdf" }).WaitForAsync();
        await Assertions.Expect(clerk.Locator("#field-scan-error")).ToHaveCountAsync(0);
        await clerk.Locator(".g2g-lines button", new() { HasText = "添加一行" }).ClickAsync();
        await ChooseInNewLineAsync(clerk, "#field-receipts-0--file", new FilePayload { Name = "车票.pdf", MimeType = "application/pdf", Buffer = Ticket });
        await BrowserPages.ShotAsync(clerk, "task-file");
        await clerk.Locator("[data-operation=submit]").ClickAsync();
        await clerk.Locator("[data-confirm=true]").ClickAsync();
        await clerk.Locator("[data-done=true]").WaitForAsync();

        var head = await world.SignedInAsync("wu.fang");
        await world.OpenAsync(head, $"/tasks/{await OpenTaskAsync(instance)}");
        var link = head.Locator("[data-files=scan] a");
        Assert.Equal("病假证明.pdf", (await link.InnerTextAsync()).Trim());
        var address = $"{world.Address}/{await link.GetAttributeAsync("href")}";
        var read = await head.APIRequest.GetAsync(address);
        Assert.Equal(200, read.Status);
        Assert.Equal(Certificate, await read.BodyAsync());
        Assert.Equal("application/pdf", read.Headers["content-type"]);

        var ticket = head.Locator(".g2g-lines tbody tr", new() { HasText = "车票.pdf" }).Locator("a"); // the line's own file
        Assert.Equal(Ticket, await (await head.APIRequest.GetAsync($"{world.Address}/{await ticket.GetAttributeAsync("href")}")).BodyAsync());

        var stranger = await world.SignedInAsync("mo.lu"); // a court's clerk: another agency
        Assert.Equal(404, (await stranger.APIRequest.GetAsync(address)).Status);
    }

    /// <summary>
    /// Chooses a file in a line just added. Blazor's file input listens for the choice only once its script has started
    /// after the line's first render; a choice made before that (no person is that quick, Playwright is) is lost, so the
    /// choice is made again until the file is listed (a file chosen twice is listed once).
    /// </summary>
    private static async Task ChooseInNewLineAsync(IPage page, string input, FilePayload file)
    {
        var listed = page.Locator(".g2g-lines li", new() { HasText = file.Name });
        for (var attempt = 1; ; attempt++)
        {
            await page.SetInputFilesAsync(input, file);
            try
            {
                await listed.WaitForAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>A two-step procedure: the clerk attaches a certificate (PDF or image), the head checks it.</summary>
    private async Task<long> StartAsync()
    {
        const string Bpmn = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="urn:g2g:test">
              <bpmn:process id="certificate" name="提交证明 Certificate" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="attach" />
                <bpmn:userTask id="attach" name="上传证明" g2g:assignee="initiator()" g2g:formKey="certificate-attach" />
                <bpmn:sequenceFlow id="f2" sourceRef="attach" targetRef="check" />
                <bpmn:userTask id="check" name="审核证明" g2g:assignee="user('wu.fang')" g2g:formKey="certificate-check" />
                <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        var forms = new Dictionary<string, string>
        {
            ["certificate-attach"] = """
                {"components":[{"type":"filepicker","key":"scan","label":"证明材料","accept":".pdf,image/*","validate":{"required":true}},
                  {"type":"dynamiclist","key":"receipts","label":"票据","components":[
                    {"type":"textfield","key":"item","label":"事项"},{"type":"filepicker","key":"file","label":"票据文件","accept":".pdf"}]}]}
                """,
            ["certificate-check"] = """
                {"components":[{"type":"filepicker","key":"scan","label":"证明材料","readonly":true},
                  {"type":"dynamiclist","key":"receipts","label":"票据","readonly":true,"components":[
                    {"type":"textfield","key":"item","label":"事项"},{"type":"filepicker","key":"file","label":"票据文件"}]}]}
                """,
        };
        await using var scope = world.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeploymentService>().DeployAsync(Bpmn, "certificate.bpmn", forms);
        return await scope.ServiceProvider.GetRequiredService<InstanceService>()
            .StartAsync(new StartInstance("certificate", Title: "郑凯的病假证明", Initiator: "zheng.kai"));
    }

    private async Task<long> OpenTaskAsync(long instance)
    {
        await using var scope = world.Services.CreateAsyncScope();
        var tasks = await scope.ServiceProvider.GetRequiredService<RuntimeQueries>()
            .ListTasksAsync(new TaskFilter(InstanceId: instance, State: "open"), 1, 10);
        return tasks.Items.Single().Id;
    }
}
