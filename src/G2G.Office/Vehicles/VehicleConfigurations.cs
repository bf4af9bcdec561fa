using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Office.Vehicles;

internal sealed class VehicleConfiguration : IEntityTypeConfiguration<VehicleRecord>
{
    public void Configure(EntityTypeBuilder<VehicleRecord> builder)
    {
        builder.ToTable("office_vehicles");
        builder.HasKey(v => v.Id).HasName("pk_office_vehicles");
        builder.Property(v => v.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(v => v.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        builder.Property(v => v.Plate).HasColumnName("plate").HasMaxLength(20);
        builder.Property(v => v.Model).HasColumnName("model").HasMaxLength(100);
        builder.Property(v => v.Seats).HasColumnName("seats");
        builder.Property(v => v.OdometerKm).HasColumnName("odometer_km");
        builder.Property(v => v.IsActive).HasColumnName("is_active");
        builder.Property(v => v.BookingStamp).HasColumnName("booking_stamp");
        builder.HasIndex(v => v.Plate).IsUnique().HasDatabaseName("ux_office_vehicles_plate");
    }
}

internal sealed class DriverConfiguration : IEntityTypeConfiguration<DriverRecord>
{
    public void Configure(EntityTypeBuilder<DriverRecord> builder)
    {
        builder.ToTable("office_drivers");
        builder.HasKey(d => d.Id).HasName("pk_office_drivers");
        builder.Property(d => d.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(d => d.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        builder.Property(d => d.Code).HasColumnName("code").HasMaxLength(40);
        builder.Property(d => d.Name).HasColumnName("name").HasMaxLength(100);
        builder.Property(d => d.Phone).HasColumnName("phone").HasMaxLength(30);
        builder.Property(d => d.IsActive).HasColumnName("is_active");
        builder.Property(d => d.BookingStamp).HasColumnName("booking_stamp");
        builder.HasIndex(d => new { d.AgencyId, d.Code }).IsUnique().HasDatabaseName("ux_office_drivers_agency_code");
    }
}

internal sealed class TripConfiguration : IEntityTypeConfiguration<TripRecord>
{
    public void Configure(EntityTypeBuilder<TripRecord> builder)
    {
        builder.ToTable("office_vehicle_trips");
        builder.HasKey(t => t.Id).HasName("pk_office_vehicle_trips");
        builder.Property(t => t.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(t => t.InstanceId).HasColumnName("instance_id");
        builder.Property(t => t.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        builder.Property(t => t.RequesterId).HasColumnName("requester_id").HasMaxLength(100);
        builder.Property(t => t.StartsAt).HasColumnName("starts_at");
        builder.Property(t => t.EndsAt).HasColumnName("ends_at");
        builder.Property(t => t.Destination).HasColumnName("destination").HasMaxLength(200);
        builder.Property(t => t.Passengers).HasColumnName("passengers");
        builder.Property(t => t.State).HasColumnName("state").HasMaxLength(20);
        builder.Property(t => t.VehicleId).HasColumnName("vehicle_id");
        builder.Property(t => t.DriverId).HasColumnName("driver_id");
        builder.Property(t => t.OdometerKm).HasColumnName("odometer_km");
        builder.Property(t => t.DistanceKm).HasColumnName("distance_km");
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.Property(t => t.ChangedAt).HasColumnName("changed_at");
        // One trip per instance: a step that runs again (send back, retry) finds the row it made.
        builder.HasIndex(t => t.InstanceId).IsUnique().HasDatabaseName("ux_office_vehicle_trips_instance_id");
        builder.HasIndex(t => new { t.VehicleId, t.StartsAt })
            .HasDatabaseName("ix_office_vehicle_trips_vehicle_starts");
        builder.HasIndex(t => new { t.DriverId, t.StartsAt }).HasDatabaseName("ix_office_vehicle_trips_driver_starts");
    }
}
