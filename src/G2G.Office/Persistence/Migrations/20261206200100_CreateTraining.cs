using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Office.Persistence.Migrations;

/// <summary>培训报名: the courses of each agency with their capacity and the registration of each instance.</summary>
[DbContext(typeof(OfficeDbContext))]
[Migration("20261206200100_CreateTraining")]
public sealed class CreateTraining : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("office_training_courses", t => new
        {
            id = OfficeColumns.Identity(t),
            agency_id = t.Column<string>(maxLength: 100, nullable: false),
            code = t.Column<string>(maxLength: 40, nullable: false),
            title = t.Column<string>(maxLength: 200, nullable: false),
            starts_on = t.Column<DateOnly>(nullable: false),
            capacity = t.Column<int>(nullable: false),
            enrolled = t.Column<int>(nullable: false),
            is_active = t.Column<bool>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_office_training_courses", x => x.id));
        m.CreateIndex("ux_office_training_courses_agency_code", "office_training_courses", ["agency_id", "code"], unique: true);
        m.CreateTable("office_training_registrations", t => new
        {
            id = OfficeColumns.Identity(t),
            instance_id = t.Column<long>(nullable: false),
            course_id = t.Column<long>(nullable: false),
            user_id = t.Column<string>(maxLength: 100, nullable: false),
            state = t.Column<string>(maxLength: 20, nullable: false),
            waiting_since = t.Column<DateTimeOffset>(nullable: true),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            changed_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_office_training_registrations", x => x.id));
        m.CreateIndex("ux_office_training_registrations_instance_id", "office_training_registrations", "instance_id", unique: true);
        m.CreateIndex("ix_office_training_registrations_course_state", "office_training_registrations", ["course_id", "state"]);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("office_training_registrations");
        migrationBuilder.DropTable("office_training_courses");
    }
}
