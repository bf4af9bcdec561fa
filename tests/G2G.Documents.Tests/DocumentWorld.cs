using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Documents.Storage;
using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Documents.Tests;

/// <summary>
/// A small province for 公文: the provincial government <c>pv</c> (drafter, 办公厅 as office, 发改处 and 教育处 to
/// countersign, the governor who signs), three cities under it (<c>c1</c>–<c>c3</c>, each with a 收发员, an office director,
/// a mayor and two departments; c3's clerk cleared only for 内部), a bureau <c>pv-fin</c> of the province and a court
/// outside the tree. Every node of the world shares one file store and one data-protection key ring.
/// </summary>
public sealed class DocumentWorld(TestDatabase database) : IAsyncDisposable
{
    public const string Province = "pv", Drafter = "pv.drafter", Office = "pv.office", Dev = "pv.dev", Edu = "pv.edu", Governor = "pv.governor";
    public const string Bureau = "pv-fin", Court = "court";
    public static readonly string[] Cities = ["c1", "c2", "c3"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "g2g-documents-" + Guid.NewGuid().ToString("N"));
    private readonly List<RuntimeHarness> _nodes = [];

    public RuntimeHarness Runtime => _nodes[0];

    /// <summary>Another node on the same database, file store and keys.</summary>
    public RuntimeHarness AddNode()
    {
        var node = new RuntimeHarness(database, modules: (services, configuration) =>
        {
            services.AddG2GDocuments(configuration, _root);
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(_root, "keys"))).SetApplicationName("g2g-tests");
        });
        // Monday 4 January 2027, 09:00 China Standard Time, or the first node's time.
        node.Clock.Set(_nodes.Count > 0 ? _nodes[0].Clock.GetUtcNow() : new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(8)));
        _nodes.Add(node);
        return node;
    }

    public async Task InitializeAsync()
    {
        AddNode();
        await database.MigrateAsync();
        await Runtime.Services.MigrateG2GDocumentsAsync();
        await Runtime.In(async s =>
        {
            if (!await s.GetRequiredService<G2GDbContext>().Set<AgencyRecord>().AnyAsync(a => a.Id == Province))
                await CreateOrganisationAsync(s.GetRequiredService<OrganisationService>());
            var documents = s.GetRequiredService<DocumentsDbContext>();
            await documents.Documents.ExecuteDeleteAsync();
            await documents.NumberCounters.ExecuteDeleteAsync();
            await documents.Seals.ExecuteDeleteAsync(); // each world has its own key ring
            await documents.ArchiveItems.ExecuteDeleteAsync();
            var deployed = await s.GetRequiredService<WorkflowDirectoryDeployer>().DeployAsync(Path.Combine(AppContext.BaseDirectory, "workflows"));
            Assert.Equal(0, deployed.Refused);
        });
    }

    private static async Task CreateOrganisationAsync(OrganisationService org)
    {
        await org.CreateAgencyAsync(new NewAgency(Province, "试验省人民政府", ShortName: "试政", Kind: AgencyKind.Government), "setup");
        foreach (var (id, name) in new[] { ("pv-office", "办公厅"), ("pv-dev", "发展改革处"), ("pv-edu", "教育处") })
            await org.CreateDepartmentAsync(new NewDepartment(id, Province, name), "setup");
        foreach (var (id, name, department) in new[] { (Drafter, "起草人", "pv-office"), (Office, "办公厅主任", "pv-office"), (Dev, "发改处长", "pv-dev"), (Edu, "教育处长", "pv-edu") })
            await org.CreateUserAsync(new NewUser(id, name, department, Clearance: ClearanceLevel.HighlySecret), "setup");
        await org.CreateUserAsync(new NewUser(Governor, "省长", AgencyId: Province, Clearance: ClearanceLevel.TopSecret), "setup");
        await org.SetDepartmentHeadAsync("pv-office", Office, "setup");
        await org.SetDepartmentHeadAsync("pv-dev", Dev, "setup");
        await org.SetDepartmentHeadAsync("pv-edu", Edu, "setup");
        await org.AssignPositionAsync(Office, "办公室主任", Province, "setup");
        await org.AssignPositionAsync(Governor, "主要领导", Province, "setup");
        await org.CreateAgencyAsync(new NewAgency(Bureau, "试验省财政厅", Province, "试财"), "setup");
        await org.CreateAgencyAsync(new NewAgency(Court, "试验省高级人民法院", ShortName: "试高法", Kind: AgencyKind.Other), "setup");
        foreach (var city in Cities)
        {
            await org.CreateAgencyAsync(new NewAgency(city, $"{city}市人民政府", Province, $"{city}政", AgencyKind.Government), "setup");
            foreach (var (id, name) in new[] { ($"{city}-office", "市政府办公室"), ($"{city}-a", "发展改革委"), ($"{city}-b", "教育局") })
                await org.CreateDepartmentAsync(new NewDepartment(id, city, name), "setup");
            var clerkClearance = city == "c3" ? ClearanceLevel.Internal : ClearanceLevel.Secret;
            foreach (var (id, name, department, clearance) in new[]
                     {
                         ($"{city}.clerk", "收发员", $"{city}-office", clerkClearance), ($"{city}.office", "办公室主任", $"{city}-office", ClearanceLevel.HighlySecret),
                         ($"{city}.a", "发改委主任", $"{city}-a", ClearanceLevel.HighlySecret), ($"{city}.b", "教育局长", $"{city}-b", ClearanceLevel.HighlySecret),
                     })
                await org.CreateUserAsync(new NewUser(id, name, department, Clearance: clearance), "setup");
            await org.CreateUserAsync(new NewUser($"{city}.mayor", "市长", AgencyId: city, Clearance: ClearanceLevel.TopSecret), "setup");
            await org.SetDepartmentHeadAsync($"{city}-office", $"{city}.office", "setup");
            await org.SetDepartmentHeadAsync($"{city}-a", $"{city}.a", "setup");
            await org.SetDepartmentHeadAsync($"{city}-b", $"{city}.b", "setup");
            await org.AssignPositionAsync($"{city}.clerk", "收发员", $"{city}-office", "setup");
            await org.AssignPositionAsync($"{city}.office", "办公室主任", city, "setup");
            await org.AssignPositionAsync($"{city}.mayor", "主要领导", city, "setup");
        }
    }

    /// <summary>Starts 发文办理 as the drafter, at a 密级.</summary>
    public Task<long> StartIssueAsync(ClearanceLevel classification = ClearanceLevel.Unclassified, string initiator = Drafter, string agency = Province,
        RuntimeHarness? node = null) =>
        (node ?? Runtime).In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance("document-issue", null, Title: "发文", Initiator: initiator, AgencyId: agency, Classification: classification)));

    public async Task CompleteAsync(long instance, string step, string actor, params (string Name, object? Value)[] values) =>
        await CompleteOnAsync(Runtime, instance, step, actor, values);

    public static async Task CompleteOnAsync(RuntimeHarness node, long instance, string step, string actor, params (string Name, object? Value)[] values)
    {
        var task = (await node.OpenTasksAsync(instance)).First(t => t.ElementId == step && (t.Assignee == actor || t.Candidates.Any(c => c.Value == actor)));
        await node.In(s => s.GetRequiredService<InstanceService>().CompleteTaskAsync(task.Id, actor, RuntimeHarness.Vars(values), null, "同意"));
    }

    public Task DraftAsync(long instance, string type = "通知", string[]? mains = null, string[]? copies = null, string[]? departments = null,
        string title = "关于做好冬季安全生产工作的通知", string body = "各市人民政府：\n\n现就做好冬季安全生产工作通知如下。", string actor = Drafter,
        string urgency = "加急") =>
        CompleteAsync(instance, "draft", actor, ("docType", type), ("title", title), ("mainRecipients", mains ?? Cities), ("copyRecipients", copies ?? []),
            ("urgency", urgency), ("body", body), ("departments", departments ?? []));

    /// <summary>Walks a drafted document through 核稿 and 签发: numbered, sealed and dispatched.</summary>
    public async Task SignAsync(long instance, RuntimeHarness? node = null)
    {
        await CompleteOnAsync(node ?? Runtime, instance, "check", Office, ("decision", "approve"));
        await CompleteOnAsync(node ?? Runtime, instance, "sign", Governor, ("decision", "approve"));
    }

    public Task<DocumentRecord> DocumentAsync(long issueInstance) =>
        Runtime.In(s => s.GetRequiredService<DocumentsDbContext>().Documents.AsNoTracking().Include(d => d.Recipients).Include(d => d.Attachments)
            .SingleAsync(d => d.InstanceId == issueInstance));

    /// <summary>The 收文 instance of each recipient agency.</summary>
    public async Task<Dictionary<string, ProcessInstanceRecord>> ReceiptsAsync(long documentId) =>
        await Runtime.Query(db => db.Set<ProcessInstanceRecord>().AsNoTracking()
            .Where(i => i.ProcessKey == "document-receive" && i.BusinessKey!.StartsWith(documentId + ":"))
            .ToDictionaryAsync(i => i.AgencyId!));

    /// <summary>Runs work as a signed-in user would (their agency scope and clearance).</summary>
    public Task<T> AsUserAsync<T>(string user, Func<IServiceProvider, Task<T>> work) =>
        Runtime.In(async s =>
        {
            s.GetRequiredService<CallerContext>().Current = await s.GetRequiredService<CallerDirectory>().FindAsync(user);
            return await work(s);
        });

    /// <summary>Where the store keeps a file, to change it behind the module's back.</summary>
    public Task<string> StoredPathAsync(string sha256) =>
        Runtime.In(s => Task.FromResult(s.GetRequiredService<FileStore>().PathOf(sha256)));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
