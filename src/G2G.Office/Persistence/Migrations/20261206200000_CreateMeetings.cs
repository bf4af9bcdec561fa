using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Office.Persistence.Migrations;

/// <summary>会议申请: the meeting rooms of each agency and the meeting (room, hours, attendees, minutes) of each
/// instance.</summary>
[DbContext(typeof(OfficeDbContext))]
[Migration("20261206200000_CreateMeetings")]
public sealed class CreateMeetings : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("office_meeting_rooms", t => new
        {
            id = OfficeColumns.Identity(t),
            agency_id = t.Column<string>(maxLength: 100, nullable: false),
            code = t.Column<string>(maxLength: 20, nullable: false),
            name = t.Column<string>(maxLength: 100, nullable: false),
            capacity = t.Column<int>(nullable: false),
            is_active = t.Column<bool>(nullable: false),
            booking_stamp = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_office_meeting_rooms", x => x.id));
        m.CreateIndex("ux_office_meeting_rooms_agency_code", "office_meeting_rooms", ["agency_id", "code"], unique: true);
        m.CreateTable("office_meetings", t => new
        {
            id = OfficeColumns.Identity(t),
            instance_id = t.Column<long>(nullable: false),
            agency_id = t.Column<string>(maxLength: 100, nullable: false),
            organiser_id = t.Column<string>(maxLength: 100, nullable: false),
            room_id = t.Column<long>(nullable: false),
            starts_at = t.Column<DateTimeOffset>(nullable: false),
            ends_at = t.Column<DateTimeOffset>(nullable: false),
            subject = t.Column<string>(maxLength: 200, nullable: false),
            attendees = t.Column<string>(maxLength: 2000, nullable: false),
            state = t.Column<string>(maxLength: 20, nullable: false),
            minutes = t.Column<string>(nullable: true),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            changed_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_office_meetings", x => x.id));
        m.CreateIndex("ux_office_meetings_instance_id", "office_meetings", "instance_id", unique: true);
        m.CreateIndex("ix_office_meetings_room_starts", "office_meetings", ["room_id", "starts_at"]);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("office_meetings");
        migrationBuilder.DropTable("office_meeting_rooms");
    }
}
