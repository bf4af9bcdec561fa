using System.Globalization;
using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Engine.Expressions;
using G2G.Runtime.Handlers;
using G2G.Runtime.Organisation;
using Microsoft.EntityFrameworkCore;

namespace G2G.Documents.Handlers;

/// <summary>Reads the 公文 forms' values from a service task's variables, refusing what is missing or malformed.</summary>
internal static class FormValues
{
    public static string Text(ServiceTaskContext context, string name, int maxLength)
    {
        var text = (context.Variable(name) as StringValue)?.Value.Trim();
        if (string.IsNullOrEmpty(text))
            throw new ServiceTaskRefusedException(DocumentsMessages.Required(name), name);
        return text.Length <= maxLength ? text
            : throw new ServiceTaskRefusedException(DocumentsMessages.TooLong(maxLength), name);
    }

    public static string? OptionalText(ServiceTaskContext context, string name, int maxLength) =>
        context.Variable(name) is StringValue { Value: { Length: > 0 } text } ? Text(context, name, maxLength) : null;

    /// <summary>A list of ids: a list value or text separated by commas or spaces; trimmed, in order, each once.</summary>
    public static List<string> Ids(ServiceTaskContext context, string name)
    {
        var items = context.Variable(name) switch
        {
            ListValue list => list.Items.OfType<StringValue>().Select(s => s.Value),
            StringValue text => text.Value.Split([',', '，', ' ', ';', '；'], StringSplitOptions.RemoveEmptyEntries),
            _ => [],
        };
        return [.. items.Select(i => i.Trim()).Where(i => i.Length > 0)];
    }

    public static int? OptionalNumber(ServiceTaskContext context, string name) => context.Variable(name) switch
    {
        NumberValue number when number.Value == decimal.Truncate(number.Value) && number.Value is > 0 and < 100 => (int)number.Value,
        StringValue text when int.TryParse(text.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 100 => n,
        null or NullValue => null,
        StringValue { Value.Length: 0 } => null,
        _ => throw new ServiceTaskRefusedException(DocumentsMessages.WholeYears(name), name),
    };

    public static long DocumentId(ServiceTaskContext context) =>
        context.Variable("documentId") is NumberValue number ? (long)number.Value
            : throw new InvalidOperationException("Variable 'documentId' is missing; the procedure's earlier step sets it.");

    /// <summary>The document of this 发文 instance, with its recipients and attachments.</summary>
    public static DocumentRecord OfInstance(DocumentsDbContext documents, long instanceId) =>
        documents.Documents.Include(d => d.Recipients).Include(d => d.Attachments).FirstOrDefault(d => d.InstanceId == instanceId)
        ?? throw new InvalidOperationException($"Instance {instanceId} has no document; documents.draft runs first.");

    public static DocumentRecord ById(DocumentsDbContext documents, long documentId) =>
        documents.Documents.Include(d => d.Recipients).Include(d => d.Attachments).FirstOrDefault(d => d.Id == documentId)
        ?? throw new InvalidOperationException($"Document {documentId} does not exist.");

    public static string AgencyName(ServiceTaskContext context, string agencyId) =>
        context.Db.Set<AgencyRecord>().AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Name).FirstOrDefault() ?? agencyId;

    /// <summary>The user who holds the open task of a step while its completion runs the next service task.</summary>
    public static string? ActorOf(ServiceTaskContext context, string elementId) =>
        context.Db.Set<G2G.Runtime.Persistence.TaskRecord>().AsNoTracking()
            .Where(t => t.InstanceId == context.Instance.Id && t.ElementId == elementId && t.State == G2G.Runtime.Instances.TaskStates.Open)
            .Select(t => t.Assignee).FirstOrDefault();

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
}
