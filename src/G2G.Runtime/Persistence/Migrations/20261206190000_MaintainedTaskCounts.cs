using G2G.Runtime.Supervision;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// The maintained task counts supervision reads for a province (<see cref="TaskCountRecord"/>): <c>task_counts</c>, filled
/// from the tasks as they are, and <c>task_count_changes</c>, to which triggers on <c>tasks</c> append every change of a
/// counted fact (state, due date, agency, 密级, creation or completion time) in the writing transaction, whichever code
/// writes the row. A later migration that rebuilds <c>tasks</c> on SQLite (a column change) drops the triggers with the
/// old table and must create them again (<see cref="CreateTriggers"/>).
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261206190000_MaintainedTaskCounts")]
public sealed class MaintainedTaskCounts : Migration
{
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>The task columns a count depends on; an update of none of them changes no count.</summary>
    private static readonly string[] Counted = ["state", "due_at", "agency_id", "classification", "created_at", "completed_at"];

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("task_counts", t => new
        {
            kind = t.Column<int>(nullable: false),
            agency_id = t.Column<string>(maxLength: 100, nullable: false),
            classification = t.Column<int>(nullable: false),
            day = t.Column<DateOnly>(nullable: false),
            tasks = t.Column<long>(nullable: false),
            on_time = t.Column<long>(nullable: false),
            seconds = t.Column<double>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_task_counts", x => new { x.kind, x.agency_id, x.classification, x.day }));
        m.CreateTable("task_count_changes", t => new
        {
            id = t.Column<long>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            kind = t.Column<int>(nullable: false),
            agency_id = t.Column<string>(maxLength: 100, nullable: false),
            classification = t.Column<int>(nullable: false),
            day = t.Column<DateOnly>(nullable: false),
            tasks = t.Column<long>(nullable: false),
            on_time = t.Column<long>(nullable: false),
            seconds = t.Column<double>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_task_count_changes", x => x.id));
        var postgres = m.ActiveProvider == Postgres;
        m.Sql(TaskCountSql.CountAll(postgres));
        CreateTriggers(m);
    }

    /// <summary>The triggers that append each counted change of a task to <c>task_count_changes</c>.</summary>
    public static void CreateTriggers(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var changed = string.Join(" OR ", Counted.Select(c => $"OLD.{c} IS DISTINCT FROM NEW.{c}"));
        var columns = string.Join(", ", Counted);
        const string Insert = "INSERT INTO task_count_changes (kind, agency_id, classification, day, tasks, on_time, seconds)";
        if (migrationBuilder.ActiveProvider == Postgres)
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION task_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP <> 'INSERT' THEN
                    {Insert}
                    {TaskCountSql.Facts(true, "OLD", -1)};
                  END IF;
                  IF TG_OP <> 'DELETE' THEN
                    {Insert}
                    {TaskCountSql.Facts(true, "NEW", 1)};
                  END IF;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER task_counts_insert_delete AFTER INSERT OR DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION task_counts_change();
                CREATE TRIGGER task_counts_update AFTER UPDATE OF {columns} ON tasks FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION task_counts_change();
                """);
            return;
        }
        migrationBuilder.Sql($"""
            CREATE TRIGGER task_counts_insert AFTER INSERT ON tasks BEGIN
              {Insert} {TaskCountSql.Facts(false, "NEW", 1)};
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER task_counts_delete AFTER DELETE ON tasks BEGIN
              {Insert} {TaskCountSql.Facts(false, "OLD", -1)};
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER task_counts_update AFTER UPDATE OF {columns} ON tasks WHEN {changed.Replace("IS DISTINCT FROM", "IS NOT", StringComparison.Ordinal)} BEGIN
              {Insert} {TaskCountSql.Facts(false, "OLD", -1)};
              {Insert} {TaskCountSql.Facts(false, "NEW", 1)};
            END;
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.ActiveProvider == Postgres)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER task_counts_update ON tasks;
                DROP TRIGGER task_counts_insert_delete ON tasks;
                DROP FUNCTION task_counts_change();
                """);
        }
        else
        {
            migrationBuilder.Sql("DROP TRIGGER task_counts_update;");
            migrationBuilder.Sql("DROP TRIGGER task_counts_delete;");
            migrationBuilder.Sql("DROP TRIGGER task_counts_insert;");
        }
        migrationBuilder.DropTable("task_count_changes");
        migrationBuilder.DropTable("task_counts");
    }
}
