using G2G.Runtime.Persistence.Configurations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// Supervision's two task indexes become partial: the overdue list and aging read open tasks only, the on-time
/// rates completed ones only. With <c>state</c> as their first column, completing a task moved its entry from the
/// "open" to the "completed" part of each (a second page written per index); now it leaves the one and enters the
/// other, and a new task enters only the first. The open-task index shrinks to the open 15 % of the rows.
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261203110000_PartialTaskIndexes")]
public sealed class PartialTaskIndexes : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("ix_tasks_state_due_at_agency_id_classification", "tasks");
        migrationBuilder.DropIndex("ix_tasks_state_completed_at", "tasks");
        migrationBuilder.CreateIndex("ix_open_tasks_due_at_agency_id_classification", "tasks", ["due_at", "agency_id", "classification"],
            filter: TaskConfiguration.OpenOnly);
        migrationBuilder.CreateIndex("ix_completed_tasks_completed_at", "tasks", "completed_at", filter: TaskConfiguration.CompletedOnly);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("ix_open_tasks_due_at_agency_id_classification", "tasks");
        migrationBuilder.DropIndex("ix_completed_tasks_completed_at", "tasks");
        migrationBuilder.CreateIndex("ix_tasks_state_due_at_agency_id_classification", "tasks", ["state", "due_at", "agency_id", "classification"]);
        migrationBuilder.CreateIndex("ix_tasks_state_completed_at", "tasks", ["state", "completed_at"]);
    }
}
