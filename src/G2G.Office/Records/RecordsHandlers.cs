using G2G.Engine.Expressions;
using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using G2G.Runtime.Organisation;
using Microsoft.EntityFrameworkCore;
using static G2G.Office.Leave.LeaveVariables;

namespace G2G.Office.Records;

/// <summary>
/// <c>records.submit</c>: checks the 调阅 form (case number, holding agency, reason, period) and records the request;
/// a request sent back and sent again replaces its values. Sets <c>holdingAgency</c> (the id the holding side's
/// assignment rules name), <c>holdingAgencyName</c> and <c>accessDays</c>.
/// </summary>
public sealed class SubmitRecordsRequest : IServiceTaskHandler
{
    /// <summary>The longest access a request may ask for, in calendar days.</summary>
    public const int MaxDays = 90;

    /// <summary>The position that receives requests at the holding agency.</summary>
    public const string ArchiveHead = "档案室主任";

    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requester = context.Instance.Initiator ?? throw new InvalidOperationException("A request needs an initiator.");
        var own = context.Instance.AgencyId ?? throw new InvalidOperationException("A request needs an agency.");
        var caseNumber = Text(context, "caseNumber").Trim();
        var holding = HoldingAgency(context, Text(context, "holdingAgency").Trim(), own);
        var reason = Text(context, "reason").Trim();
        var (from, until) = (Date(context, "fromDate"), Date(context, "untilDate"));
        if (from < RecordsClock.Today(context.Now))
            throw new ServiceTaskRefusedException(OfficeMessages.RecordsStartInPast(), "fromDate");
        if (until < from)
            throw new ServiceTaskRefusedException(OfficeMessages.PeriodEndsBeforeStart(), "untilDate");
        if (until.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.RecordsMaxDays(MaxDays), "untilDate");
        }

        using var office = OfficeDbContext.Joining(context.Db);
        var request = office.RecordsRequests.FirstOrDefault(r => r.InstanceId == context.Instance.Id);
        if (request is null)
        {
            request = new RecordsRequestRecord
            {
                InstanceId = context.Instance.Id, RequestedBy = requester, RequestingAgencyId = own,
                HoldingAgencyId = holding.Id, CaseNumber = caseNumber, Reason = reason, State = RecordsStates.Requested,
            };
            office.Add(request);
        }
        (request.HoldingAgencyId, request.CaseNumber, request.Reason) = (holding.Id, caseNumber, reason);
        (request.AccessFrom, request.AccessUntil, request.Classification) = (from, until, context.Instance.Classification);
        (request.State, request.CreatedAt) = (RecordsStates.Requested, context.Now.ToUniversalTime());
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["holdingAgency"] = Value.From(holding.Id),
            ["holdingAgencyName"] = Value.From(holding.Name),
            ["accessDays"] = Value.From(until.DayNumber - from.DayNumber + 1),
        };
    }

    /// <summary>Another active agency with an archive office (someone holds 档案室主任 there) that can answer.</summary>
    private static AgencyRecord HoldingAgency(ServiceTaskContext context, string id, string own)
    {
        var agency = context.Db.Set<AgencyRecord>().AsNoTracking().FirstOrDefault(a => a.Id == id && a.IsActive);
        if (agency is null)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.NotAnAgency(id), "holdingAgency");
        }
        if (agency.Id == own)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.OwnAgencyArchive(), "holdingAgency");
        }
        var archive = context.Db.Set<UserPositionRecord>().AsNoTracking()
            .Where(p => p.AgencyId == id && p.Name == ArchiveHead)
            .Join(context.Db.Users.Where(u => u.IsActive), p => p.UserId, u => u.Id, (p, u) => u.Id).Any();
        if (!archive)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.NoArchiveOffice(agency.Name, ArchiveHead), "holdingAgency");
        }
        return agency;
    }
}
