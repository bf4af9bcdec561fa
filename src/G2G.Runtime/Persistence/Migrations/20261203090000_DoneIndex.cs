using G2G.Runtime.Persistence.Configurations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// The index of 已办 (the tasks a user completed, newest first) and its badge count, over completed tasks only.
/// Without it both databases read every completed task: at 1,000,000 tasks PostgreSQL took 2.4 s for a first page
/// and 0.2–0.4 s for the count; with it they read only the user's rows, in order (docs/benchmarks.md, "HTTP").
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261203090000_DoneIndex")]
public sealed class DoneIndex : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateIndex("ix_completed_tasks_completed_by_completed_at", "tasks", ["completed_by", "completed_at"],
            filter: TaskConfiguration.CompletedOnly);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("ix_completed_tasks_completed_by_completed_at", "tasks");
    }
}
