using G2G.Engine.Expressions;
using G2G.Office.Leave;
using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using Microsoft.EntityFrameworkCore;
using static G2G.Office.Vehicles.FormValues;

namespace G2G.Office.Training;

/// <summary>
/// <c>training.register</c> (培训报名): the course (<c>course</c>, its code) of the registrant's agency, open and not yet
/// begun, for which they have no other registration under way; a request sent back and sent again replaces its course.
/// Sets <c>courseTitle</c> and <c>seatsLeft</c>.
/// </summary>
public sealed class RegisterForTraining : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var code = Text(context, "course", 40);
        var user = context.Instance.Initiator ?? throw new InvalidOperationException("A registration needs an initiator.");
        using var office = OfficeDbContext.Joining(context.Db);
        var course = office.Set<TrainingCourseRecord>().AsNoTracking()
            .FirstOrDefault(c => c.Code == code && c.AgencyId == context.Instance.AgencyId && c.IsActive)
            ?? throw new ServiceTaskRefusedException(OfficeMessages.TrainingCourseNotFound(code), "course");
        if (course.StartsOn <= DateOnly.FromDateTime(context.Now.ToOffset(ChinaTime).DateTime))
            throw new ServiceTaskRefusedException(OfficeMessages.TrainingCourseBegun(course.Title, course.StartsOn), "course");
        var live = new[] { TrainingStates.Requested, TrainingStates.Enrolled, TrainingStates.Waiting };
        if (office.Set<TrainingRegistrationRecord>().AsNoTracking().FirstOrDefault(r => r.CourseId == course.Id
                && r.UserId == user && r.InstanceId != context.Instance.Id && live.Contains(r.State)) is { } other)
            throw new ServiceTaskRefusedException(OfficeMessages.TrainingRegisteredAlready(course.Title, other.InstanceId), "course");
        var registration = office.Set<TrainingRegistrationRecord>().FirstOrDefault(r => r.InstanceId == context.Instance.Id);
        if (registration is null)
        {
            registration = new TrainingRegistrationRecord
            {
                InstanceId = context.Instance.Id, UserId = user, State = TrainingStates.Requested,
                CreatedAt = context.Now.ToUniversalTime(),
            };
            office.Add(registration);
        }
        (registration.CourseId, registration.State, registration.ChangedAt) = (course.Id, TrainingStates.Requested,
            context.Now.ToUniversalTime());
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["courseTitle"] = Value.From(course.Title),
            ["seatsLeft"] = Value.From(course.Capacity - course.Enrolled),
        };
    }

    internal static TrainingRegistrationRecord Of(OfficeDbContext office, long instanceId) =>
        office.Set<TrainingRegistrationRecord>().FirstOrDefault(r => r.InstanceId == instanceId)
        ?? throw new InvalidOperationException($"Instance {instanceId} has no registration; its 填写报名表 step records it.");
}

/// <summary>
/// <c>training.enrol</c>: the approved registration takes a seat by one conditional update (<c>enrolled + 1</c> only
/// while below the capacity, so concurrent registrations never exceed it); a full course puts it on the waiting list.
/// Sets <c>enrolled</c>.
/// </summary>
public sealed class EnrolInTraining : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        var registration = RegisterForTraining.Of(office, context.Instance.Id);
        var seated = office.Set<TrainingCourseRecord>().Where(c => c.Id == registration.CourseId && c.Enrolled < c.Capacity)
            .ExecuteUpdate(s => s.SetProperty(c => c.Enrolled, c => c.Enrolled + 1)) == 1;
        var now = context.Now.ToUniversalTime();
        (registration.State, registration.WaitingSince, registration.ChangedAt) = seated
            ? (TrainingStates.Enrolled, (DateTimeOffset?)null, now)
            : (TrainingStates.Waiting, now, now);
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal) { ["enrolled"] = Value.From(seated) };
    }
}

/// <summary><c>training.reject</c>: the head did not approve the registration.</summary>
public sealed class RejectTraining : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        var registration = RegisterForTraining.Of(office, context.Instance.Id);
        (registration.State, registration.ChangedAt) = (TrainingStates.Rejected, context.Now.ToUniversalTime());
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}
