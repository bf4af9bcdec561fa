using G2G.Office.Persistence;
using static G2G.Office.OfficeAdministration;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Training;

/// <summary>A course as the API shows it.</summary>
public sealed record TrainingCourseView(long Id, string AgencyId, string Code, string Title, DateOnly StartsOn,
    int Capacity, int Enrolled, int Waiting, bool IsActive);

/// <summary>A course or its changes (administrators); null keeps the current value.</summary>
public sealed record TrainingCourseChange(string? AgencyId, string? Code, string? Title, DateOnly? StartsOn,
    int? Capacity, bool? IsActive);

/// <summary>A registration as the API shows it.</summary>
public sealed record TrainingRegistrationView(long InstanceId, long CourseId, string UserId, string State,
    DateTimeOffset? WaitingSince);

/// <summary>
/// The courses of 培训报名: everyone signed in reads courses and their registrations; administrators add and change
/// courses (audited on the organisation chain); a registrant (or an administrator) cancels a registration, and a seat
/// it frees goes to the first on the waiting list.
/// </summary>
public sealed class TrainingService(OfficeDbContext office, G2GDbContext db, CallerContext callers, TimeProvider clock)
{
    public const int MaxCapacity = 1000;

    public async Task<IReadOnlyList<TrainingCourseView>> CoursesAsync(string? agencyId, CancellationToken ct)
    {
        var courses = await office.Set<TrainingCourseRecord>().AsNoTracking()
            .Where(c => agencyId == null || c.AgencyId == agencyId).OrderBy(c => c.AgencyId).ThenBy(c => c.Code)
            .ToListAsync(ct).ConfigureAwait(false);
        var ids = courses.Select(c => c.Id).ToList();
        var waiting = await office.Set<TrainingRegistrationRecord>().AsNoTracking()
            .Where(r => ids.Contains(r.CourseId) && r.State == TrainingStates.Waiting).GroupBy(r => r.CourseId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct).ConfigureAwait(false);
        return [.. courses.Select(c => View(c, waiting.GetValueOrDefault(c.Id)))];
    }

    /// <summary>
    /// A course's registrations: the enrolled, then the waiting list in its order, then the rest. A course that does not
    /// exist is not found (404), not a course without registrations.
    /// </summary>
    public async Task<IReadOnlyList<TrainingRegistrationView>> RegistrationsAsync(long courseId, CancellationToken ct)
    {
        if (!await office.Set<TrainingCourseRecord>().AnyAsync(c => c.Id == courseId, ct).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.TrainingCourseMissing(courseId));
        return [.. (await office.Set<TrainingRegistrationRecord>().AsNoTracking().Where(r => r.CourseId == courseId)
            .ToListAsync(ct).ConfigureAwait(false))
            .OrderBy(r => r.State == TrainingStates.Enrolled ? 0 : r.State == TrainingStates.Waiting ? 1 : 2)
            .ThenBy(r => r.WaitingSince).ThenBy(r => r.Id)
            .Select(r => new TrainingRegistrationView(r.InstanceId, r.CourseId, r.UserId, r.State, r.WaitingSince))];
    }

    /// <summary>Adds a course (<paramref name="id"/> null) or changes one; the capacity never drops below the
    /// enrolled.</summary>
    public async Task<TrainingCourseView> SaveCourseAsync(long? id, TrainingCourseChange change, string actor,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        AccessRefusals.RequireAdministrator(callers, "change the training courses");
        var course = await FindOrAddAsync(office, id, OfficeMessages.TrainingCourseMissing, () => new TrainingCourseRecord
        {
            AgencyId = change.AgencyId ?? throw Invalid(RuntimeMessages.FieldRequired("agencyId")), Code = "", Title = "",
            StartsOn = change.StartsOn ?? throw Invalid(RuntimeMessages.FieldRequired("startsOn")),
            Capacity = change.Capacity ?? throw Invalid(RuntimeMessages.FieldRequired("capacity")),
        }, ct).ConfigureAwait(false);
        await MoveToAgencyAsync(db, course, change.AgencyId, ct).ConfigureAwait(false);
        course.Code = Text(change.Code, course.Code, 40, OfficeMessages.TrainingCodeLength());
        course.Title = Text(change.Title, course.Title, 200, OfficeMessages.TrainingTitleLength());
        course.StartsOn = change.StartsOn ?? course.StartsOn;
        if (change.Capacity is { } capacity && (capacity < Math.Max(1, course.Enrolled) || capacity > MaxCapacity))
            throw Invalid(OfficeMessages.TrainingCapacityRange(Math.Max(1, course.Enrolled), MaxCapacity));
        course.Capacity = change.Capacity ?? course.Capacity;
        course.IsActive = change.IsActive ?? course.IsActive;
        await SaveUniqueAsync(office, course, OfficeMessages.TrainingCodeTaken, ct).ConfigureAwait(false);
        await OfficeAdministration.AuditAsync(db, clock, actor, "training-course.saved", $"{course.AgencyId}/{course.Code}",
            $"{course.Title} {course.StartsOn:yyyy-MM-dd} capacity {course.Capacity}", ct).ConfigureAwait(false);
        return View(course, 0);
    }

    /// <summary>
    /// Cancels a registration (the registrant or an administrator). An enrolled one gives its seat to the earliest on
    /// the waiting list, who is notified, or back to the course; each step is one conditional update, so two
    /// cancellations at once neither promote one person twice nor lose a seat.
    /// </summary>
    public async Task<TrainingRegistrationView> CancelAsync(long instanceId, string actor, CancellationToken ct)
    {
        var registration = await office.Set<TrainingRegistrationRecord>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.InstanceId == instanceId, ct).ConfigureAwait(false);
        if (registration is null || (callers.Current is { IsAdministrator: false } caller && caller.UserId != registration.UserId))
            throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.TrainingRegistrationMissing(instanceId));
        var now = clock.GetUtcNow().ToUniversalTime();
        await using var transaction = await office.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var mine = office.Set<TrainingRegistrationRecord>().Where(r => r.Id == registration.Id);
        var wasEnrolled = await mine.Where(r => r.State == TrainingStates.Enrolled).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, TrainingStates.Cancelled).SetProperty(r => r.ChangedAt, now), ct).ConfigureAwait(false) == 1;
        if (!wasEnrolled && await mine.Where(r => r.State == TrainingStates.Waiting).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, TrainingStates.Cancelled).SetProperty(r => r.ChangedAt, now), ct).ConfigureAwait(false) == 0)
            throw new RuntimeException(RuntimeErrorCode.Conflict, OfficeMessages.TrainingNotCancellable(instanceId));
        var promoted = wasEnrolled ? await PassSeatAsync(registration.CourseId, now, ct).ConfigureAwait(false) : null;
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        if (promoted is not null)
            db.Add(promoted);
        AuditLog.Append(db, AuditLog.OrganisationChain, new AuditEntry(actor, "training.cancelled",
            Outcome: instanceId.ToString(System.Globalization.CultureInfo.InvariantCulture)), now);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new(registration.InstanceId, registration.CourseId, registration.UserId, TrainingStates.Cancelled, null);
    }

    /// <summary>The freed seat goes to the earliest waiting registration that can still be moved (the notice to them
    /// is returned), else back to the course.</summary>
    private async Task<OutboxRecord?> PassSeatAsync(long courseId, DateTimeOffset now, CancellationToken ct)
    {
        var queue = (await office.Set<TrainingRegistrationRecord>().AsNoTracking()
            .Where(r => r.CourseId == courseId && r.State == TrainingStates.Waiting).ToListAsync(ct).ConfigureAwait(false))
            .OrderBy(r => r.WaitingSince).ThenBy(r => r.Id);
        foreach (var next in queue)
        {
            if (await office.Set<TrainingRegistrationRecord>().Where(r => r.Id == next.Id && r.State == TrainingStates.Waiting)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, TrainingStates.Enrolled)
                        .SetProperty(r => r.WaitingSince, (DateTimeOffset?)null).SetProperty(r => r.ChangedAt, now), ct)
                    .ConfigureAwait(false) == 0)
                continue;
            var title = await office.Set<TrainingCourseRecord>().Where(c => c.Id == courseId).Select(c => c.Title)
                .SingleAsync(ct).ConfigureAwait(false);
            return new OutboxRecord
            {
                NotificationId = $"training.seat:{next.InstanceId}:{next.UserId}", Kind = "training.seat",
                Recipient = next.UserId, Subject = $"培训名额 Training seat: {title}",
                Body = "候补转为正式报名 You moved from the waiting list to the course.", InstanceId = next.InstanceId,
                CreatedAt = now,
            };
        }
        await office.Set<TrainingCourseRecord>().Where(c => c.Id == courseId && c.Enrolled > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Enrolled, c => c.Enrolled - 1), ct).ConfigureAwait(false);
        return null;
    }


    private static TrainingCourseView View(TrainingCourseRecord c, int waiting) => new(c.Id, c.AgencyId, c.Code, c.Title,
        c.StartsOn, c.Capacity, c.Enrolled, waiting, c.IsActive);
}
