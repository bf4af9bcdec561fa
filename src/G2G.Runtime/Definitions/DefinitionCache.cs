using System.Collections.Concurrent;
using G2G.Engine.Model;
using G2G.Engine.Parsing;
using G2G.Runtime.Forms;
using Microsoft.Extensions.Options;

namespace G2G.Runtime.Definitions;

/// <summary>The row of the version a start by process key uses: the latest published one.</summary>
public sealed record PublishedDefinition(long Id, string ProcessKey, int Version);

/// <summary>
/// Parsed definitions by row id, which version of each process key is the latest published one, and the latest
/// schema of each form key. Deployed rows never change, so a parsed definition is valid forever. "Latest" does
/// change (deploy, publish, retract): this node forgets the key as soon as it changes it, and an answer is trusted
/// for <see cref="RuntimeOptions.DefinitionCacheDuration"/> at most, which bounds how long a change made on another
/// node goes unseen here. The cache is shared by every request and job of the node.
/// </summary>
public sealed class DefinitionCache(TimeProvider clock, IOptions<RuntimeOptions> options)
{
    private readonly ConcurrentDictionary<long, ProcessDefinition> _byId = new();
    private readonly FreshEntries<PublishedDefinition> _published = new(clock);
    private readonly FreshEntries<FormSchema> _forms = new(clock);
    private readonly ConcurrentDictionary<(long DefinitionId, string FormKey), FormSchema?> _formsWithDefinition = new();

    public ProcessDefinition GetOrParse(long definitionId, string processKey, Func<string> loadXml) =>
        _byId.GetOrAdd(definitionId, _ => Parse(processKey, loadXml()));

    public void Add(long definitionId, ProcessDefinition definition) => _byId.TryAdd(definitionId, definition);

    public bool TryGet(long definitionId, out ProcessDefinition? definition) => _byId.TryGetValue(definitionId, out definition);

    /// <summary>The latest published version of a process key: kept while fresh, otherwise from <paramref name="query"/> (null: none published).</summary>
    public Task<PublishedDefinition?> LatestPublishedAsync(string processKey, Func<Task<PublishedDefinition?>> query) =>
        _published.GetAsync(processKey, options.Value.DefinitionCacheDuration, query);

    /// <summary>Forgets which version of a key is published; called after a deploy, publish or retract of it commits.</summary>
    public void ForgetPublished(string processKey) => _published.Forget(processKey);

    /// <summary>
    /// The schema of a form key for the tasks of one definition version: the one deployed with it (kept forever: it was
    /// written with the version and never changes), else the one it takes from the forms deployed on their own or with an
    /// earlier version (<see cref="TaskForms.ForVersion"/>, read by <paramref name="loadInherited"/>), kept while fresh.
    /// </summary>
    public async Task<FormSchema?> FormForAsync(long definitionId, string formKey, Func<Task<string?>> loadDeployedWith,
        Func<Task<string?>> loadInherited)
    {
        ArgumentNullException.ThrowIfNull(loadDeployedWith);
        ArgumentNullException.ThrowIfNull(loadInherited);
        if (!_formsWithDefinition.TryGetValue((definitionId, formKey), out var schema))
        {
            schema = await loadDeployedWith().ConfigureAwait(false) is { } json ? FormSchema.Parse(json) : null;
            _formsWithDefinition.TryAdd((definitionId, formKey), schema);
        }
        return schema ?? await _forms.GetAsync(InheritedKey(formKey, definitionId), options.Value.DefinitionCacheDuration,
            async () => await loadInherited().ConfigureAwait(false) is { } inherited ? FormSchema.Parse(inherited) : null).ConfigureAwait(false);
    }

    /// <summary>Forgets what every version takes of a form key; called after a new form of the key is deployed.</summary>
    public void ForgetForm(string formKey) => _forms.ForgetWhere(key => key.StartsWith(InheritedKey(formKey, null), StringComparison.Ordinal));

    private static string InheritedKey(string formKey, long? definitionId) => $"{formKey}\n{definitionId}";

    private static ProcessDefinition Parse(string processKey, string xml)
    {
        var document = BpmnParser.Parse(xml);
        return document.Processes.FirstOrDefault(p => p.Key == processKey)
            ?? throw new InvalidOperationException($"The stored XML has no process '{processKey}'.");
    }
}
