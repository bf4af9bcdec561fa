using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// The installation's working-day calendar: official schedules loaded after the release (<c>calendar_years</c>),
/// agencies' own working days and closures (<c>calendar_overrides</c>), and on each task whether its deadline was
/// counted over a year without a schedule (<c>tasks.due_provisional</c>), so that it is counted again when the year
/// arrives. Their partial index stays empty once every year in use is loaded.
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261206100000_CalendarData")]
public sealed class CalendarData : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("calendar_years", t => new
        {
            year = t.Column<int>(nullable: false),
            content = t.Column<string>(nullable: false),
            content_hash = t.Column<string>(maxLength: 64, nullable: false),
            day_count = t.Column<int>(nullable: false),
            source = t.Column<string>(maxLength: 20, nullable: false),
            loaded_at = t.Column<DateTimeOffset>(nullable: false),
            loaded_by = t.Column<string>(maxLength: 100, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_calendar_years", x => x.year));
        m.CreateTable("calendar_overrides", t => new
        {
            id = t.Column<long>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            agency_id = t.Column<string>(maxLength: 50, nullable: false),
            date = t.Column<DateOnly>(nullable: false),
            is_working_day = t.Column<bool>(nullable: false),
            reason = t.Column<string>(maxLength: 400, nullable: true),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            created_by = t.Column<string>(maxLength: 100, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_calendar_overrides", x => x.id);
            t.ForeignKey("fk_calendar_overrides_agencies_agency_id", x => x.agency_id, "agencies", "id",
                onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("ux_calendar_overrides_agency_id_date", "calendar_overrides", ["agency_id", "date"], unique: true);
        m.AddColumn<bool>("due_provisional", "tasks", nullable: false, defaultValue: false);
        m.CreateIndex("ix_open_tasks_provisional_due", "tasks", "id",
            filter: Configurations.TaskConfiguration.OpenOnly + " AND due_provisional");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("ix_open_tasks_provisional_due", "tasks");
        migrationBuilder.DropColumn("due_provisional", "tasks");
        migrationBuilder.DropTable("calendar_overrides");
        migrationBuilder.DropTable("calendar_years");
    }
}
