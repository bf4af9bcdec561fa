using G2G.Office.Budget;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/office/budget (预算执行): budget lines per department and year, amounts in fen. Everyone reads their own
/// agency's lines and report, administrators every agency's; only administrators create, change and delete lines
/// (audited). Reservations and spending change only through the procedures (采购, 差旅).
/// </summary>
internal static class BudgetApi
{
    public static void MapBudgetApi(this RouteGroupBuilder api)
    {
        var budget = api.MapGroup("/office/budget").WithTags("Office");
        budget.MapGet("/lines", ListLinesAsync).Refuses(Status404NotFound).WithSummary("The budget lines of a year (default this year) of an agency.");
        budget.MapGet("/lines/{id:long}", GetLineAsync).Refuses(Status404NotFound).WithSummary("One budget line.");
        budget.MapPost("/lines", CreateLineAsync)
            .Refuses(Status403Forbidden, Status404NotFound, Status409Conflict, Status422UnprocessableEntity).WithSummary("Creates a budget line of a department (administrators).");
        budget.MapPut("/lines/{id:long}", UpdateLineAsync)
            .Refuses(Status403Forbidden, Status404NotFound, Status422UnprocessableEntity)
            .WithSummary("Renames a line or sets its amount, never below what is reserved and spent (administrators).");
        budget.MapDelete("/lines/{id:long}", DeleteLineAsync)
            .Refuses(Status403Forbidden, Status404NotFound, Status409Conflict).WithSummary("Deletes a line no procedure used (administrators).");
        budget.MapGet("/execution", ExecutionAsync).Refuses(Status404NotFound)
            .WithSummary("预算执行情况: budget, reserved, spent, available and execution rate per department; format=csv exports.");
    }

    private static async Task<Ok<IReadOnlyList<BudgetLineView>>> ListLinesAsync(
        string? agencyId, int? year, BudgetService budget, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await budget.LinesAsync(agencyId, year ?? ThisYear(clock), ct));

    private static async Task<Ok<BudgetLineView>> GetLineAsync(long id, BudgetService budget, CancellationToken ct) =>
        TypedResults.Ok(await budget.LineAsync(id, ct));

    private static async Task<Results<Created<BudgetLineView>, ValidationProblem>> CreateLineAsync(
        BudgetLineRequest body, BudgetService budget, HttpContext http, CancellationToken ct)
    {
        if (Missing(("departmentId", body.DepartmentId), ("code", body.Code), ("name", body.Name), ("year", body.Year),
                ("amountFen", body.AmountFen)) is { } missing)
            return missing;
        var line = await budget.CreateAsync(new BudgetLineInput(body.DepartmentId!, body.Year!.Value, body.Code!, body.Name!,
            body.AmountFen!.Value), http.User.Actor(), ct);
        return TypedResults.Created($"{ApiExtensions.Prefix}/office/budget/lines/{line.Id}", line);
    }

    private static async Task<Results<Ok<BudgetLineView>, ValidationProblem>> UpdateLineAsync(
        long id, BudgetLineChange body, BudgetService budget, HttpContext http, CancellationToken ct)
    {
        if (Missing(("name", body.Name), ("amountFen", body.AmountFen)) is { } missing)
            return missing;
        return TypedResults.Ok(await budget.UpdateAsync(id, body.Name!, body.AmountFen!.Value, http.User.Actor(), ct));
    }

    private static async Task<NoContent> DeleteLineAsync(long id, BudgetService budget, HttpContext http, CancellationToken ct)
    {
        await budget.DeleteAsync(id, http.User.Actor(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<BudgetExecutionRow>>, FileContentHttpResult, ValidationProblem>>
        ExecutionAsync(string? agencyId, int? year, string? format, BudgetService budget, TimeProvider clock, CancellationToken ct)
    {
        if (format is not null && !format.Equals("csv", StringComparison.OrdinalIgnoreCase))
            return ApiResults.NotOneOf("format", format, ["csv"]);
        var y = year ?? ThisYear(clock);
        var rows = await budget.ExecutionAsync(agencyId, y, ct);
        return format is null
            ? TypedResults.Ok(rows)
            : TypedResults.File(BudgetExecutionCsv.Write(rows), "text/csv; charset=utf-8", $"budget-execution-{y}.csv");
    }

    private static ValidationProblem? Missing(params (string Field, object? Value)[] fields)
    {
        var missing = fields.FirstOrDefault(f => f.Value is null || f.Value is string { Length: 0 });
        return missing.Field is null ? null : ApiResults.Invalid(missing.Field, ApiText.Get("Required", missing.Field));
    }

    private static int ThisYear(TimeProvider clock) => clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
}

/// <summary>Body of POST /office/budget/lines; amounts in fen.</summary>
internal sealed record BudgetLineRequest(string? DepartmentId, int? Year, string? Code, string? Name, long? AmountFen);

/// <summary>Body of PUT /office/budget/lines/{id}.</summary>
internal sealed record BudgetLineChange(string? Name, long? AmountFen);
