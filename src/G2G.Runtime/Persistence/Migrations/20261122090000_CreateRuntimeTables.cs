using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// The durable runtime: instances, tasks and candidates, jobs, history, audit, outbox and
/// notifications, event subscriptions, incidents and forms. Provider-neutral, as every migration here.
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261122090000_CreateRuntimeTables")]
public sealed partial class CreateRuntimeTables : Migration
{
    /// <summary>A database-generated 64-bit key, annotated for both providers.</summary>
    private static OperationBuilder<AddColumnOperation> Identity(ColumnsBuilder table) =>
        table.Column<long>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        CreateInstancesAndTasks(migrationBuilder);
        CreateJobsAndEvents(migrationBuilder);
        CreateRecords(migrationBuilder);
    }

    private static void CreateInstancesAndTasks(MigrationBuilder m)
    {
        m.CreateTable("process_instances", t => new
        {
            id = Identity(t),
            definition_id = t.Column<long>(nullable: false),
            process_key = t.Column<string>(maxLength: 200, nullable: false),
            definition_version = t.Column<int>(nullable: false),
            business_key = t.Column<string>(maxLength: 200, nullable: true),
            title = t.Column<string>(maxLength: 400, nullable: true),
            status = t.Column<string>(maxLength: 20, nullable: false),
            suspended = t.Column<bool>(nullable: false),
            state = t.Column<string>(nullable: false),
            version = t.Column<int>(nullable: false),
            initiator = t.Column<string>(maxLength: 100, nullable: true),
            agency_id = t.Column<string>(maxLength: 100, nullable: true),
            parent_instance_id = t.Column<long>(nullable: true),
            parent_token_id = t.Column<long>(nullable: true),
            started_at = t.Column<DateTimeOffset>(nullable: false),
            ended_at = t.Column<DateTimeOffset>(nullable: true),
            audit_head = t.Column<string>(maxLength: 64, nullable: true),
            audit_seq = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_process_instances", x => x.id));
        m.CreateIndex("ix_process_instances_process_key_business_key", "process_instances", ["process_key", "business_key"]);
        m.CreateIndex("ix_process_instances_initiator_started_at", "process_instances", ["initiator", "started_at"]);
        m.CreateIndex("ix_process_instances_parent_instance_id", "process_instances", "parent_instance_id");

        m.CreateTable("tasks", t => new
        {
            id = Identity(t),
            instance_id = t.Column<long>(nullable: false),
            engine_task_id = t.Column<long>(nullable: false),
            element_id = t.Column<string>(maxLength: 200, nullable: false),
            name = t.Column<string>(maxLength: 400, nullable: true),
            process_key = t.Column<string>(maxLength: 200, nullable: false),
            title = t.Column<string>(maxLength: 400, nullable: true),
            form_key = t.Column<string>(maxLength: 200, nullable: true),
            assignee = t.Column<string>(maxLength: 100, nullable: true),
            agency_id = t.Column<string>(maxLength: 100, nullable: true),
            state = t.Column<string>(maxLength: 20, nullable: false),
            outcome = t.Column<string>(maxLength: 50, nullable: true),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            due_at = t.Column<DateTimeOffset>(nullable: true),
            remind_at = t.Column<DateTimeOffset>(nullable: true),
            completed_at = t.Column<DateTimeOffset>(nullable: true),
            completed_by = t.Column<string>(maxLength: 100, nullable: true),
            added_signer = t.Column<string>(maxLength: 100, nullable: true),
            version = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_tasks", x => x.id));
        m.CreateIndex("ux_tasks_instance_id_engine_task_id", "tasks", ["instance_id", "engine_task_id"], unique: true);
        m.CreateIndex("ix_tasks_assignee_state_due_at", "tasks", ["assignee", "state", "due_at"]);
        m.CreateIndex("ix_tasks_agency_id_state_due_at", "tasks", ["agency_id", "state", "due_at"]);

        m.CreateTable("task_candidates", t => new
        {
            task_id = t.Column<long>(nullable: false),
            kind = t.Column<string>(maxLength: 10, nullable: false),
            value = t.Column<string>(maxLength: 200, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_task_candidates", x => new { x.task_id, x.kind, x.value });
            t.ForeignKey("fk_task_candidates_tasks_task_id", x => x.task_id, "tasks", "id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("ix_task_candidates_kind_value_task_id", "task_candidates", ["kind", "value", "task_id"]);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var table in new[] { "form_definitions", "incidents", "event_subscriptions", "notifications", "outbox", "audit_log", "history", "jobs", "task_candidates", "tasks", "process_instances" })
            migrationBuilder.DropTable(table);
    }
}
