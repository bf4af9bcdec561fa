using G2G.Engine.Expressions;
using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using G2G.Runtime.Organisation;
using Microsoft.EntityFrameworkCore;
using static G2G.Office.Leave.LeaveVariables;

namespace G2G.Office.Regulations;

/// <summary>
/// <c>regulation.check</c>: checks the draft (文号 not yet in the library, effective from today on, the rule it
/// replaces in force, the 会签 departments of the agency with a head) and finds the agency's 法规处 for the legal
/// review. Sets <c>legalDepartment</c> and <c>countersignDepartments</c>.
/// </summary>
public sealed class CheckRegulation : IServiceTaskHandler
{
    /// <summary>The department that reviews drafts for legality.</summary>
    public const string LegalDepartmentName = "法规处";

    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var agency = context.Instance.AgencyId ?? throw new InvalidOperationException("A regulation needs an agency.");
        var number = Text(context, "documentNumber").Trim();
        Text(context, "title");
        Text(context, "body");
        if (Date(context, "effectiveDate") < Today(context.Now))
            throw new ServiceTaskRefusedException(OfficeMessages.EffectiveInPast(), "effectiveDate");
        using var office = OfficeDbContext.Joining(context.Db);
        if (office.Regulations.Any(r => r.DocumentNumber == number))
        {
            throw new ServiceTaskRefusedException(OfficeMessages.DocumentNumberUsed(number), "documentNumber");
        }
        if (OptionalText(context, "supersedes")?.Trim() is { } old
            && !office.Regulations.Any(r => r.DocumentNumber == old && r.RepealedOn == null))
        {
            throw new ServiceTaskRefusedException(OfficeMessages.NoRuleInForce(old), "supersedes");
        }
        var departments = Departments(context, agency);
        var legal = context.Db.Set<DepartmentRecord>().AsNoTracking()
            .Where(d => d.AgencyId == agency && d.Name == LegalDepartmentName && d.IsActive && d.HeadUserId != null)
            .Select(d => d.Id).FirstOrDefault()
            ?? throw new ServiceTaskRefusedException(OfficeMessages.NoLegalDepartment(LegalDepartmentName));
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["legalDepartment"] = Value.From(legal),
            ["countersignDepartments"] = Value.From(departments.Select(Value.From)),
        };
    }

    /// <summary>The departments asked to countersign: the agency's own, each with a head.</summary>
    private static List<string> Departments(ServiceTaskContext context, string agency)
    {
        var asked = context.Variable("departments") switch
        {
            ListValue list => list.Items.OfType<StringValue>().Select(s => s.Value),
            StringValue text => text.Value.Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries),
            _ => [],
        };
        var ids = asked.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var known = context.Db.Set<DepartmentRecord>().AsNoTracking()
            .Where(d => ids.Contains(d.Id) && d.AgencyId == agency && d.IsActive && d.HeadUserId != null)
            .Select(d => d.Id).ToList();
        if (ids.Except(known, StringComparer.Ordinal).FirstOrDefault() is { } unknown)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.NotADepartmentWithHead(unknown), "departments");
        }
        return ids;
    }

    internal static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
}

/// <summary>
/// <c>regulation.publish</c>, after the leader signs: the rule enters the library; the rule it replaces is marked
/// repealed from the new one's effective date and linked to it (one conditional update: a rule is superseded once).
/// Sets <c>regulationId</c>.
/// </summary>
public sealed class PublishRegulation : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        if (office.Regulations.AsNoTracking().FirstOrDefault(r => r.InstanceId == context.Instance.Id) is { } done)
            return Result(done.Id);
        var number = Text(context, "documentNumber").Trim();
        if (office.Regulations.Any(r => r.DocumentNumber == number))
        {
            throw new ServiceTaskRefusedException(OfficeMessages.PublishedMeanwhile(number), "documentNumber");
        }
        var rule = new RegulationRecord
        {
            InstanceId = context.Instance.Id, AgencyId = context.Instance.AgencyId!, DocumentNumber = number,
            Title = Text(context, "title").Trim(), Body = Text(context, "body"), EffectiveOn = Date(context, "effectiveDate"),
            PublishedAt = context.Now.ToUniversalTime(), PublishedBy = context.Instance.Initiator ?? "system",
        };
        office.Add(rule);
        office.SaveChanges();
        if (OptionalText(context, "supersedes")?.Trim() is { } old)
        {
            var (id, from) = (rule.Id, rule.EffectiveOn);
            var marked = office.Regulations.Where(r => r.DocumentNumber == old && r.RepealedOn == null && r.Id != id)
                .ExecuteUpdate(s => s.SetProperty(r => r.RepealedOn, from).SetProperty(r => r.SupersededById, id));
            if (marked == 0)
            {
                throw new ServiceTaskRefusedException(OfficeMessages.RuleNoLongerInForce(old), "supersedes");
            }
        }
        return Result(rule.Id);
    }

    private static Dictionary<string, Value> Result(long id) =>
        new(StringComparer.Ordinal) { ["regulationId"] = Value.From(id) };
}
