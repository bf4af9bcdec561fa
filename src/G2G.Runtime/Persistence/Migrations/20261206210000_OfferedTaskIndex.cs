using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// The index of offered tasks: open and unassigned, by id, with the 密级 and due date 待办 reads of them. The offered half
/// of 待办 keeps the tasks whose ids the viewer's candidate rows name (their groups' rows of every task ever offered) and
/// that are still open and unassigned; without this index PostgreSQL hash-joined those ids with every open unassigned
/// task of the province (15,232 rows read, 2,355 pages, to keep 28 at 1,160,000 tasks), and now it looks each id up in
/// this small index (393 probes, 2 ms instead of 8 on a loaded machine; docs/benchmarks.md, "HTTP"). A task enters it
/// when it is offered and leaves it when it is claimed or closed.
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261206210000_OfferedTaskIndex")]
public sealed class OfferedTaskIndex : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateIndex("ix_offered_tasks_id_classification_due_at", "tasks", ["id", "classification", "due_at"],
            filter: Configurations.TaskConfiguration.OfferedOnly);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("ix_offered_tasks_id_classification_due_at", "tasks");
    }
}
