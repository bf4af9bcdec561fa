using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Office.Vehicles;

internal sealed class VehicleConfiguration : IEntityTypeConfiguration<VehicleRecord>
{
    public void Configure(EntityTypeBuilder<VehicleRecord> builder)
    {
        builder.ToRecordTable("office_vehicles");
        builder.Property(v => v.AgencyId).HasMaxLength(100);
        builder.Property(v => v.Plate).HasMaxLength(20);
        builder.Property(v => v.Model).HasMaxLength(100);
        builder.HasIndex(v => v.Plate).IsUnique().HasDatabaseName("ux_office_vehicles_plate");
    }
}

internal sealed class DriverConfiguration : IEntityTypeConfiguration<DriverRecord>
{
    public void Configure(EntityTypeBuilder<DriverRecord> builder)
    {
        builder.ToRecordTable("office_drivers");
        builder.Property(d => d.AgencyId).HasMaxLength(100);
        builder.Property(d => d.Code).HasMaxLength(40);
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.Phone).HasMaxLength(30);
        builder.HasIndex(d => new { d.AgencyId, d.Code }).IsUnique().HasDatabaseName("ux_office_drivers_agency_code");
    }
}

internal sealed class TripConfiguration : IEntityTypeConfiguration<TripRecord>
{
    public void Configure(EntityTypeBuilder<TripRecord> builder)
    {
        builder.ToRecordTable("office_vehicle_trips");
        builder.Property(t => t.AgencyId).HasMaxLength(100);
        builder.Property(t => t.RequesterId).HasMaxLength(100);
        builder.Property(t => t.Destination).HasMaxLength(200);
        builder.Property(t => t.State).HasMaxLength(20);
        // One trip per instance: a step that runs again (send back, retry) finds the row it made.
        builder.HasIndex(t => t.InstanceId).IsUnique().HasDatabaseName("ux_office_vehicle_trips_instance_id");
        builder.HasIndex(t => new { t.VehicleId, t.StartsAt })
            .HasDatabaseName("ix_office_vehicle_trips_vehicle_starts");
        builder.HasIndex(t => new { t.DriverId, t.StartsAt }).HasDatabaseName("ix_office_vehicle_trips_driver_starts");
    }
}
