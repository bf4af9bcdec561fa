using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Office.Persistence.Migrations;

/// <summary>业绩评价: one appraisal per person and year with the figures of the engine's history and the grades.</summary>
[DbContext(typeof(OfficeDbContext))]
[Migration("20261206210000_CreateAppraisals")]
public sealed class CreateAppraisals : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("office_appraisals", t => new
        {
            id = OfficeColumns.Identity(t),
            instance_id = t.Column<long>(nullable: false),
            user_id = t.Column<string>(maxLength: 100, nullable: false),
            agency_id = t.Column<string>(maxLength: 100, nullable: false),
            department_id = t.Column<string>(maxLength: 100, nullable: false),
            year = t.Column<int>(nullable: false),
            state = t.Column<string>(maxLength: 20, nullable: false),
            completed = t.Column<int>(nullable: false),
            on_time = t.Column<int>(nullable: false),
            on_time_rate = t.Column<decimal>(precision: 5, scale: 2, nullable: false),
            average_hours = t.Column<double>(nullable: false),
            open_overdue = t.Column<int>(nullable: false),
            department_completed = t.Column<int>(nullable: false),
            department_on_time_rate = t.Column<decimal>(precision: 5, scale: 2, nullable: false),
            department_average_hours = t.Column<double>(nullable: false),
            self_grade = t.Column<string>(maxLength: 20, nullable: true),
            proposed_grade = t.Column<string>(maxLength: 20, nullable: true),
            grade = t.Column<string>(maxLength: 20, nullable: true),
            measured_at = t.Column<DateTimeOffset>(nullable: false),
            decided_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_office_appraisals", x => x.id));
        m.CreateIndex("ux_office_appraisals_instance_id", "office_appraisals", "instance_id", unique: true);
        m.CreateIndex("ux_office_appraisals_user_year", "office_appraisals", ["user_id", "year"], unique: true);
        m.CreateIndex("ix_office_appraisals_agency_year", "office_appraisals", ["agency_id", "year"]);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("office_appraisals");
    }
}
