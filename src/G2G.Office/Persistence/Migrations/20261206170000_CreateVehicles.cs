using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Office.Persistence.Migrations;

/// <summary>The motor pool (vehicles, drivers) of each agency and the trip of each 用车申请 instance.</summary>
[DbContext(typeof(OfficeDbContext))]
[Migration("20261206170000_CreateVehicles")]
public sealed class CreateVehicles : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("office_vehicles", t => new
        {
            id = OfficeColumns.Identity(t),
            agency_id = t.Column<string>(maxLength: 100, nullable: false),
            plate = t.Column<string>(maxLength: 20, nullable: false),
            model = t.Column<string>(maxLength: 100, nullable: false),
            seats = t.Column<int>(nullable: false),
            odometer_km = t.Column<int>(nullable: false),
            is_active = t.Column<bool>(nullable: false),
            booking_stamp = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_office_vehicles", x => x.id));
        m.CreateIndex("ux_office_vehicles_plate", "office_vehicles", "plate", unique: true);
        m.CreateTable("office_drivers", t => new
        {
            id = OfficeColumns.Identity(t),
            agency_id = t.Column<string>(maxLength: 100, nullable: false),
            code = t.Column<string>(maxLength: 40, nullable: false),
            name = t.Column<string>(maxLength: 100, nullable: false),
            phone = t.Column<string>(maxLength: 30, nullable: true),
            is_active = t.Column<bool>(nullable: false),
            booking_stamp = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_office_drivers", x => x.id));
        m.CreateIndex("ux_office_drivers_agency_code", "office_drivers", ["agency_id", "code"], unique: true);
        CreateTrips(m);
    }

    private static void CreateTrips(MigrationBuilder m)
    {
        m.CreateTable("office_vehicle_trips", t => new
        {
            id = OfficeColumns.Identity(t),
            instance_id = t.Column<long>(nullable: false),
            agency_id = t.Column<string>(maxLength: 100, nullable: false),
            requester_id = t.Column<string>(maxLength: 100, nullable: false),
            starts_at = t.Column<DateTimeOffset>(nullable: false),
            ends_at = t.Column<DateTimeOffset>(nullable: false),
            destination = t.Column<string>(maxLength: 200, nullable: false),
            passengers = t.Column<int>(nullable: false),
            state = t.Column<string>(maxLength: 20, nullable: false),
            vehicle_id = t.Column<long>(nullable: true),
            driver_id = t.Column<long>(nullable: true),
            odometer_km = t.Column<int>(nullable: true),
            distance_km = t.Column<int>(nullable: true),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            changed_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_office_vehicle_trips", x => x.id));
        m.CreateIndex("ux_office_vehicle_trips_instance_id", "office_vehicle_trips", "instance_id", unique: true);
        m.CreateIndex("ix_office_vehicle_trips_vehicle_starts", "office_vehicle_trips", ["vehicle_id", "starts_at"]);
        m.CreateIndex("ix_office_vehicle_trips_driver_starts", "office_vehicle_trips", ["driver_id", "starts_at"]);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("office_vehicle_trips");
        migrationBuilder.DropTable("office_drivers");
        migrationBuilder.DropTable("office_vehicles");
    }
}
