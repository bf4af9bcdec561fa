using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Runtime.Forms;

namespace G2G.Runtime.Definitions;

/// <summary>
/// The form schemas deployed together with a BPMN file, by form key (the <c>g2g:formKey</c> of its user tasks). Each
/// must be a form-js schema the server can check against, and each must be used by a user task of the file: a key no
/// task names is a typing mistake that would otherwise go unnoticed until someone opens the task.
/// </summary>
internal static class DeployedForms
{
    public const int MaxKeyLength = 200;

    /// <summary>Every problem of the forms, each naming the form key; empty when they can be deployed.</summary>
    public static List<RuntimeText> Problems(IReadOnlyDictionary<string, string> forms, BpmnDocument document)
    {
        var used = document.ExecutableProcesses.SelectMany(KeysOf).ToHashSet(StringComparer.Ordinal);
        var problems = new List<RuntimeText>();
        foreach (var (key, schema) in forms.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength)
            {
                problems.Add(RuntimeMessages.FormKeyLength(key, MaxKeyLength));
                continue;
            }
            if (!used.Contains(key))
                problems.Add(RuntimeMessages.FormNotUsed(key));
            if (SchemaProblem(schema) is { } problem)
                problems.Add(RuntimeMessages.FormUnusable(key, problem));
        }
        return problems;
    }

    /// <summary>Why a schema is no form-js schema the server can check submissions against, or null when it is one.</summary>
    public static string? SchemaProblem(string schema)
    {
        try
        {
            FormSchema.Parse(schema);
            return null;
        }
        catch (Exception invalid) when (invalid is JsonException or FormatException)
        {
            return invalid.Message;
        }
    }

    /// <summary>The form keys a process's user tasks name.</summary>
    public static IEnumerable<string> KeysOf(ProcessDefinition process) =>
        process.AllNodes.OfType<UserTask>().Select(t => t.Settings.FormKey).OfType<string>()
            .Distinct(StringComparer.Ordinal);

    /// <summary>The hash of a file with its forms: the XML's alone without forms, so earlier deployments stay unchanged.</summary>
    public static string Hash(string xml, IReadOnlyDictionary<string, string> forms)
    {
        if (forms.Count == 0)
            return DeploymentService.Hash(xml);
        var content = new StringBuilder(xml);
        foreach (var (key, schema) in forms.OrderBy(f => f.Key, StringComparer.Ordinal))
            content.Append('\0').Append(key).Append('\0').Append(schema);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())));
    }
}
