using System.Collections.Concurrent;
using G2G.Engine.Model;
using G2G.Engine.Parsing;

namespace G2G.Runtime.Definitions;

/// <summary>
/// Parsed definitions by row id. Deployed rows never change, so an entry is valid forever; the cache
/// is shared by every request and job of the node.
/// </summary>
public sealed class DefinitionCache
{
    private readonly ConcurrentDictionary<long, ProcessDefinition> _byId = new();

    public ProcessDefinition GetOrParse(long definitionId, string processKey, Func<string> loadXml) =>
        _byId.GetOrAdd(definitionId, _ => Parse(processKey, loadXml()));

    public void Add(long definitionId, ProcessDefinition definition) => _byId.TryAdd(definitionId, definition);

    public bool TryGet(long definitionId, out ProcessDefinition? definition) => _byId.TryGetValue(definitionId, out definition);

    private static ProcessDefinition Parse(string processKey, string xml)
    {
        var document = BpmnParser.Parse(xml);
        return document.Processes.FirstOrDefault(p => p.Key == processKey)
            ?? throw new InvalidOperationException($"The stored XML has no process '{processKey}'.");
    }
}
