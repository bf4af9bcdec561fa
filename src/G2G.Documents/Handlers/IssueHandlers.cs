using System.Text;
using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Documents.Seals;
using G2G.Documents.Storage;
using G2G.Engine.Expressions;
using G2G.Runtime.Audit;
using G2G.Runtime.Handlers;
using G2G.Runtime.Jobs;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static G2G.Documents.Handlers.FormValues;

namespace G2G.Documents.Handlers;

/// <summary>
/// <c>documents.draft</c> (起草, again after every send-back): checks the draft — <c>docType</c> (one of the 15 types),
/// <c>title</c>, <c>mainRecipients</c> and <c>copyRecipients</c> (agency ids, checked against the direction rules),
/// <c>urgency</c>, <c>secrecyYears</c> (classified documents), <c>body</c> (Markdown), <c>note</c>, <c>departments</c>
/// to countersign — stores the body and writes the document at the instance's 密级. Sets <c>documentId</c>,
/// <c>countersignDepartments</c> and <c>classificationName</c>.
/// </summary>
public sealed class DraftDocument(FileStore files, IOptions<DocumentsOptions> options) : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instance = context.Instance;
        var drafter = instance.Initiator ?? throw new InvalidOperationException("A document is drafted by the instance's initiator.");
        var agency = instance.AgencyId
            ?? throw new ServiceTaskRefusedException(DocumentsMessages.IssuedByAgency(), "docType");
        var type = DocumentTypes.Normalise((context.Variable("docType") as StringValue)?.Value)
            ?? throw new ServiceTaskRefusedException(DocumentsMessages.UnknownType(string.Join("、", DocumentTypes.All)), "docType");
        var title = Text(context, "title", 200);
        var urgency = OptionalText(context, "urgency", 10) ?? Urgencies.Normal;
        if (!Urgencies.IsKnown(urgency))
            throw new ServiceTaskRefusedException(DocumentsMessages.UnknownUrgency(), "urgency");
        var body = Text(context, "body", options.Value.MaxBodyLength);
        var note = OptionalText(context, "note", 500);
        var (mains, copies) = (Ids(context, "mainRecipients"), Ids(context, "copyRecipients"));
        var refusals = DirectionRules.Check(Relations(context.Db), type, agency, mains, copies);
        if (refusals.Count > 0)
        {
            var field = refusals.Any(r => copies.Contains(r.AgencyId) && !mains.Contains(r.AgencyId)) && refusals.All(r => !mains.Contains(r.AgencyId))
                ? "copyRecipients" : "mainRecipients";
            throw new ServiceTaskRefusedException(refusals.Select(r => r.Reason).Aggregate(DocumentsMessages.AndAlso), field);
        }
        var secrecyYears = SecrecyYears(context, instance.Classification);
        var departments = Departments(context, agency);
        var drafterDepartment = context.Db.Users.AsNoTracking().Where(u => u.Id == drafter).Select(u => u.DepartmentId).FirstOrDefault();
        var now = context.Now.ToUniversalTime();

        using var documents = DocumentsDbContext.Joining(context.Db);
        var document = documents.Documents.Include(d => d.Recipients).FirstOrDefault(d => d.InstanceId == instance.Id);
        if (document is null)
        {
            document = new DocumentRecord
            {
                InstanceId = instance.Id, Type = type, Title = title, IssuingAgencyId = agency, Drafter = drafter, Urgency = urgency,
                BodySha256 = "", State = DocumentStates.Draft, CreatedAt = now,
            };
            documents.Add(document);
        }
        (document.Type, document.Title, document.Urgency, document.Note, document.DepartmentId) = (type, title, urgency, note, drafterDepartment);
        (document.Classification, document.SecrecyYears, document.ChangedAt) = (instance.Classification, secrecyYears, now);
        document.BodySha256 = files.Put(Encoding.UTF8.GetBytes(body));
        documents.RemoveRange(document.Recipients);
        document.Recipients.Clear();
        document.Recipients.AddRange(mains.Select((a, i) => Recipient(a, RecipientKinds.Main, i)));
        document.Recipients.AddRange(copies.Select((a, i) => Recipient(a, RecipientKinds.Copy, i)));
        documents.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["documentId"] = Value.From(document.Id),
            ["countersignDepartments"] = Value.From(departments.Select(Value.From)),
            ["classificationName"] = Value.From(Classifications.Name(instance.Classification)),
        };
    }

    private static DocumentRecipientRecord Recipient(string agency, string kind, int position) =>
        new() { AgencyId = agency, Kind = kind, Position = position, State = ReceiptStates.Pending };

    internal static AgencyRelations Relations(G2GDbContext db)
    {
        var agencies = db.Set<AgencyRecord>().AsNoTracking().Where(a => a.IsActive).Select(a => new { a.Id, a.ParentId }).ToList();
        var active = agencies.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var lines = db.Set<GuidanceLineRecord>().AsNoTracking().ToList()
            .Where(l => active.Contains(l.SuperiorAgencyId) && active.Contains(l.SubordinateAgencyId));
        return new AgencyRelations(agencies.Select(a => (a.Id, a.ParentId is not null && active.Contains(a.ParentId) ? a.ParentId : null)),
            lines.Select(l => new GuidanceLine(l.SuperiorAgencyId, l.SubordinateAgencyId)));
    }

    /// <summary>保密期限: required for a classified document, at most the law's default maximum (秘密 10, 机密 20, 绝密 30 years).</summary>
    private static int? SecrecyYears(ServiceTaskContext context, ClearanceLevel classification)
    {
        var years = OptionalNumber(context, "secrecyYears");
        if (classification < ClearanceLevel.Secret)
            return null;
        var maximum = Classifications.MaximumYears(classification);
        return years switch
        {
            null => maximum,
            _ when years > maximum => throw new ServiceTaskRefusedException(
                DocumentsMessages.SecrecyTooLong(Classifications.Name(classification), maximum), "secrecyYears"),
            _ => years,
        };
    }

    /// <summary>The departments asked to countersign: the agency's own, each with a head.</summary>
    private static List<string> Departments(ServiceTaskContext context, string agency)
    {
        var ids = Ids(context, "departments").Distinct(StringComparer.Ordinal).ToList();
        var known = context.Db.Set<DepartmentRecord>().AsNoTracking()
            .Where(d => ids.Contains(d.Id) && d.AgencyId == agency && d.IsActive && d.HeadUserId != null).Select(d => d.Id).ToList();
        if (ids.Except(known, StringComparer.Ordinal).FirstOrDefault() is { } unknown)
        {
            throw new ServiceTaskRefusedException(DocumentsMessages.NotADepartment(unknown), "departments");
        }
        return ids;
    }
}

/// <summary>
/// <c>documents.number</c> (登记编号), after the leader signs (签发): the 发文字号 from the agency's counter
/// (<see cref="DocumentNumbering"/>), the 签发人 (who completed 签发) and the 成文日期 (today). Sets <c>documentNumber</c>.
/// </summary>
public sealed class NumberDocument : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var documents = DocumentsDbContext.Joining(context.Db);
        var document = OfInstance(documents, context.Instance.Id);
        if (document.DocumentNumber is null)
        {
            var code = context.Db.Set<AgencyRecord>().AsNoTracking().Where(a => a.Id == document.IssuingAgencyId)
                .Select(a => a.ShortName ?? a.Name).First();
            var today = Today(context.Now);
            var seq = DocumentNumbering.Next(documents, document.IssuingAgencyId, today.Year);
            (document.NumberYear, document.NumberSeq) = (today.Year, seq);
            document.DocumentNumber = DocumentNumbering.Format(code, today.Year, seq);
            var signer = ActorOf(context, "sign");
            document.Signer = signer;
            document.SignerName = context.Db.Users.AsNoTracking().Where(u => u.Id == signer).Select(u => u.DisplayName).FirstOrDefault() ?? signer;
            (document.WrittenOn, document.State, document.ChangedAt) = (today, DocumentStates.Numbered, context.Now.ToUniversalTime());
            documents.SaveChanges();
        }
        return new Dictionary<string, Value>(StringComparer.Ordinal) { ["documentNumber"] = Value.From(document.DocumentNumber) };
    }
}

/// <summary><c>documents.seal</c> (用印): the issuing agency's electronic seal over the numbered document.</summary>
public sealed class SealDocument(SealService seals) : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var documents = DocumentsDbContext.Joining(context.Db);
        var document = OfInstance(documents, context.Instance.Id);
        if (document.DocumentNumber is null)
            throw new InvalidOperationException($"Document {document.Id} is sealed before it is numbered; documents.number runs first.");
        document.Seal = seals.Seal(documents, document, AgencyName(context, document.IssuingAgencyId));
        (document.SealedAt, document.State, document.ChangedAt) = (context.Now.ToUniversalTime(), DocumentStates.Sealed, context.Now.ToUniversalTime());
        documents.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}

/// <summary>
/// <c>documents.dispatch</c> (分发): one message job per main and copied recipient agency, written in this command's
/// transaction, each starting that agency's 收文办理 (<see cref="DispatchedMessage"/>) at the document's 密级 as an
/// instance of the recipient agency, titled with the document's title. Each start consumes its own job, so a crash between two recipients loses none and
/// doubles none.
/// </summary>
public sealed class DispatchDocument : IServiceTaskHandler
{
    /// <summary>The message a 收文办理 starts on.</summary>
    public const string DispatchedMessage = "document.dispatched";

    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var documents = DocumentsDbContext.Joining(context.Db);
        var document = OfInstance(documents, context.Instance.Id);
        var now = context.Now.ToUniversalTime();
        foreach (var recipient in document.Recipients.Where(r => r.DispatchedAt is null).OrderBy(r => r.Kind).ThenBy(r => r.Position))
        {
            var variables = new Dictionary<string, Value>(StringComparer.Ordinal)
            {
                ["documentId"] = Value.From(document.Id),
                ["receivingAgency"] = Value.From(recipient.AgencyId),
                ["recipientKind"] = Value.From(recipient.Kind),
            };
            var payload = new MessagePayload(DispatchedMessage, $"{document.Id}:{recipient.AgencyId}", variables, context.Instance.Id,
                new MessageStart(recipient.AgencyId, document.Classification, Title: document.Title));
            context.Db.Add(new JobRecord
            {
                Kind = JobKinds.Message, Payload = VariablesJson.Serialize(payload), DueAt = now, State = JobStates.Pending, CreatedAt = now,
            });
            recipient.DispatchedAt = now;
        }
        (document.State, document.ChangedAt) = (DocumentStates.Dispatched, now);
        documents.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}

/// <summary>The names and terms of 密级 (保守国家秘密法).</summary>
public static class Classifications
{
    public static string Name(ClearanceLevel level) => level switch
    {
        ClearanceLevel.Internal => "内部",
        ClearanceLevel.Secret => "秘密",
        ClearanceLevel.HighlySecret => "机密",
        ClearanceLevel.TopSecret => "绝密",
        _ => "非密",
    };

    /// <summary>The default maximum secrecy term in years (秘密 10, 机密 20, 绝密 30).</summary>
    public static int MaximumYears(ClearanceLevel level) => level switch
    {
        ClearanceLevel.TopSecret => 30,
        ClearanceLevel.HighlySecret => 20,
        _ => 10,
    };
}
