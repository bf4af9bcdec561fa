using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// 密级 on instances and their tasks (items above a user's clearance are invisible), and the index that
/// supervision's on-time rates read completed tasks by.
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261122120000_Classification")]
public sealed class Classification : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<int>("classification", "process_instances", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>("classification", "tasks", nullable: false, defaultValue: 0);
        migrationBuilder.CreateIndex("ix_tasks_state_completed_at", "tasks", ["state", "completed_at"]);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("ix_tasks_state_completed_at", "tasks");
        migrationBuilder.DropColumn("classification", "tasks");
        migrationBuilder.DropColumn("classification", "process_instances");
    }
}
