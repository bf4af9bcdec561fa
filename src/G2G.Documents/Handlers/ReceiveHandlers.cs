using G2G.Documents.Archive;
using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Documents.Seals;
using G2G.Engine.Expressions;
using G2G.Runtime.Audit;
using G2G.Runtime.Handlers;
using G2G.Runtime.Organisation;
using G2G.Engine.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static G2G.Documents.Handlers.FormValues;

namespace G2G.Documents.Handlers;

/// <summary>
/// <c>documents.receive</c>, first step of 收文办理: verifies the issuer's seal over the document, its body and every
/// attachment (<see cref="SealService.Check"/>). A valid copy is registered with the agency's 收文编号; a broken one is
/// refused: the recipient row and the instance's audit say why, and <c>sealValid</c> = false routes the clerk to
/// 拒收. Sets <c>sealValid</c>, <c>refusal</c>, <c>receiptNumber</c> and the document's elements for the forms.
/// </summary>
public sealed class ReceiveDocument(SealService seals, IOptions<DocumentsOptions> options) : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var agency = context.Instance.AgencyId ?? throw new InvalidOperationException("A 收文 belongs to the receiving agency.");
        using var documents = DocumentsDbContext.Joining(context.Db);
        var document = ById(documents, DocumentId(context));
        var recipient = document.Recipients.FirstOrDefault(r => r.AgencyId == agency)
            ?? throw new InvalidOperationException($"Agency {agency} is not a recipient of document {document.Id}.");
        var now = context.Now.ToUniversalTime();
        var check = seals.Check(documents, document);
        recipient.ReceiptInstanceId = context.Instance.Id;
        var result = new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["sealValid"] = Value.From(check.Valid),
            // The forms show it in the product's default language; the row and the audit keep it in English, as logs do.
            ["refusal"] = Value.From(check.Problem?.In(DefaultLanguage) ?? ""),
            ["documentType"] = Value.From(document.Type),
            ["documentTitle"] = Value.From(document.Title),
            ["documentNumber"] = Value.From(document.DocumentNumber),
            ["issuingAgencyName"] = Value.From(AgencyName(context, document.IssuingAgencyId)),
            ["urgency"] = Value.From(document.Urgency),
            ["classificationName"] = Value.From(Classifications.Name(document.Classification)),
            ["deadlines"] = Deadlines(document.Urgency),
        };
        if (!check.Valid)
        {
            var problem = check.Problem!.English;
            (recipient.State, recipient.Refusal) = (ReceiptStates.Refused, problem[..Math.Min(500, problem.Length)]);
            AuditLog.Append(context.Db, context.Instance,
                new AuditEntry("system", "document.refused", ElementId: context.ElementId, Outcome: document.DocumentNumber, Comment: problem), now);
            documents.SaveChanges();
            return result;
        }
        var seq = DocumentNumbering.Next(documents, ReceiptCounter(agency), Today(context.Now).Year);
        (recipient.State, recipient.ReceivedAt) = (ReceiptStates.Received, now);
        documents.SaveChanges();
        result["receiptNumber"] = Value.From(DocumentNumbering.Format("收文", Today(context.Now).Year, seq));
        return result;
    }

    /// <summary>
    /// The deadlines of the steps for the document's urgency (<see cref="DocumentsOptions.UrgentDeadlines"/>), read by the
    /// procedure's <c>g2g:due="${coalesce(deadlines.signFor, '1wd')}"</c>; <c>remind</c> is the reminder before each. Empty
    /// for 平急: every step keeps its own.
    /// </summary>
    private Value Deadlines(string urgency)
    {
        if (!options.Value.UrgentDeadlines.TryGetValue(urgency, out var steps) || steps.Count == 0)
            return Value.From(Array.Empty<KeyValuePair<string, Value>>());
        var deadlines = steps.Select(s => KeyValuePair.Create(s.Key, Value.From(Checked($"UrgentDeadlines:{urgency}:{s.Key}", s.Value)))).ToList();
        deadlines.Add(KeyValuePair.Create("remind", Value.From(Checked("UrgentRemindBefore", options.Value.UrgentRemindBefore))));
        return Value.From(deadlines);
    }

    private static string Checked(string setting, string deadline)
    {
        try
        {
            _ = DeadlineSpec.Parse(deadline);
            return deadline;
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Documents:{setting} = '{deadline}' is not a deadline such as '4wh' or '1wd': {e.Message}", e);
        }
    }

    private static readonly System.Globalization.CultureInfo DefaultLanguage = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>收文编号 count per agency and year on their own counter row, beside the 发文字号.</summary>
    private static string ReceiptCounter(string agency) => $"{agency}#收文";
}

/// <summary>
/// <c>documents.plan</c>, after 拟办: the departments proposed to handle the document (<c>departments</c>, the receiving
/// agency's own, each with a head) and the way (<c>mode</c>: <c>all</c> 会签 or <c>any</c> 或签). Sets
/// <c>handlingDepartments</c> and <c>handlingMode</c>.
/// </summary>
public sealed class PlanHandling : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var agency = context.Instance.AgencyId ?? throw new InvalidOperationException("A 收文 belongs to the receiving agency.");
        var ids = Ids(context, "departments").Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
            throw new ServiceTaskRefusedException(DocumentsMessages.NoHandlingDepartment(), "departments");
        var known = context.Db.Set<DepartmentRecord>().AsNoTracking()
            .Where(d => ids.Contains(d.Id) && d.AgencyId == agency && d.IsActive && d.HeadUserId != null).Select(d => d.Id).ToList();
        if (ids.Except(known, StringComparer.Ordinal).FirstOrDefault() is { } unknown)
        {
            throw new ServiceTaskRefusedException(DocumentsMessages.NotADepartment(unknown), "departments");
        }
        var mode = OptionalText(context, "mode", 10) ?? "all";
        if (mode is not ("all" or "any"))
            throw new ServiceTaskRefusedException(DocumentsMessages.UnknownMode(), "mode");
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["handlingDepartments"] = Value.From(ids.Select(Value.From)),
            ["handlingMode"] = Value.From(mode),
        };
    }
}

/// <summary>
/// <c>documents.file</c> (归档): the issuing agency files its document when 分发 is done; a receiving agency files its copy
/// at 办结 (the copy is then handled). The filing department is the drafter's, or the department of whoever closed the
/// receipt. Sets <c>archiveCode</c>.
/// </summary>
public sealed class FileDocument : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var documents = DocumentsDbContext.Joining(context.Db);
        var today = Today(context.Now);
        var issued = documents.Documents.Include(d => d.Recipients).FirstOrDefault(d => d.InstanceId == context.Instance.Id);
        ArchiveItemRecord item;
        if (issued is not null)
        {
            item = Archiving.File(documents, issued, issued.IssuingAgencyId, issued.DepartmentId, issuedOrMainRecipient: true, today);
        }
        else
        {
            var recipient = documents.Recipients.First(r => r.ReceiptInstanceId == context.Instance.Id);
            recipient.State = ReceiptStates.Handled;
            var document = documents.Documents.Single(d => d.Id == recipient.DocumentId);
            var closer = ActorOf(context, "close");
            var department = context.Db.Users.AsNoTracking().Where(u => u.Id == closer).Select(u => u.DepartmentId).FirstOrDefault();
            item = Archiving.File(documents, document, recipient.AgencyId, department, recipient.Kind == RecipientKinds.Main, today);
        }
        documents.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal) { ["archiveCode"] = Value.From(item.ArchiveCode) };
    }
}
