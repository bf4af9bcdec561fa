using G2G.Office.Training;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/office/training: the courses of 培训报名. Everyone signed in reads courses and their registrations;
/// administrators add and change courses; a registrant cancels their registration (its seat goes to the waiting list).
/// </summary>
internal static class TrainingApi
{
    public static void MapTrainingApi(this RouteGroupBuilder api)
    {
        var training = api.MapGroup("/office/training").WithTags("Office");
        training.MapGet("/courses", ListCoursesAsync).WithSummary("The courses with capacity, enrolled and waiting, of one agency or all.");
        training.MapPost("/courses", AddCourseAsync)
            .Refuses(Status403Forbidden, Status404NotFound, Status409Conflict, Status422UnprocessableEntity)
            .WithSummary("Adds a course to an agency (administrators).");
        training.MapPatch("/courses/{id:long}", ChangeCourseAsync)
            .Refuses(Status403Forbidden, Status404NotFound, Status409Conflict, Status422UnprocessableEntity)
            .WithSummary("Changes a course: code, title, start, capacity (never below the enrolled), active (administrators).");
        training.MapGet("/courses/{id:long}/registrations", RegistrationsAsync)
            .WithSummary("A course's registrations: enrolled, then the waiting list in order, then the rest.");
        training.MapPost("/registrations/{instanceId:long}/cancel", CancelAsync)
            .Refuses(Status404NotFound, Status409Conflict)
            .WithSummary("Cancels the caller's registration; a freed seat goes to the first on the waiting list.");
    }

    private static async Task<Ok<IReadOnlyList<TrainingCourseView>>> ListCoursesAsync(
        string? agencyId, TrainingService training, CancellationToken ct) =>
            TypedResults.Ok(await training.CoursesAsync(agencyId, ct));

    private static async Task<Created<TrainingCourseView>> AddCourseAsync(
        TrainingCourseChange body, TrainingService training, HttpContext http, CancellationToken ct)
    {
        var course = await training.SaveCourseAsync(null, body, http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/office/training/courses/{course.Id}", course);
    }

    private static async Task<Ok<TrainingCourseView>> ChangeCourseAsync(
        long id, TrainingCourseChange body, TrainingService training, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await training.SaveCourseAsync(id, body, http.User.Actor(), ct));

    private static async Task<Ok<IReadOnlyList<TrainingRegistrationView>>> RegistrationsAsync(
        long id, TrainingService training, CancellationToken ct) =>
        TypedResults.Ok(await training.RegistrationsAsync(id, ct));

    private static async Task<Ok<TrainingRegistrationView>> CancelAsync(
        long instanceId, TrainingService training, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await training.CancelAsync(instanceId, http.User.Actor(), ct));
}
