using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Office.Meetings;

internal sealed class MeetingRoomConfiguration : IEntityTypeConfiguration<MeetingRoomRecord>
{
    public void Configure(EntityTypeBuilder<MeetingRoomRecord> builder)
    {
        builder.ToTable("office_meeting_rooms");
        builder.HasKey(r => r.Id).HasName("pk_office_meeting_rooms");
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(r => r.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        builder.Property(r => r.Code).HasColumnName("code").HasMaxLength(20);
        builder.Property(r => r.Name).HasColumnName("name").HasMaxLength(100);
        builder.Property(r => r.Capacity).HasColumnName("capacity");
        builder.Property(r => r.IsActive).HasColumnName("is_active");
        builder.Property(r => r.BookingStamp).HasColumnName("booking_stamp");
        builder.HasIndex(r => new { r.AgencyId, r.Code }).IsUnique().HasDatabaseName("ux_office_meeting_rooms_agency_code");
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<MeetingRecord>
{
    public void Configure(EntityTypeBuilder<MeetingRecord> builder)
    {
        builder.ToTable("office_meetings");
        builder.HasKey(m => m.Id).HasName("pk_office_meetings");
        builder.Property(m => m.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(m => m.InstanceId).HasColumnName("instance_id");
        builder.Property(m => m.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        builder.Property(m => m.OrganiserId).HasColumnName("organiser_id").HasMaxLength(100);
        builder.Property(m => m.RoomId).HasColumnName("room_id");
        builder.Property(m => m.StartsAt).HasColumnName("starts_at");
        builder.Property(m => m.EndsAt).HasColumnName("ends_at");
        builder.Property(m => m.Subject).HasColumnName("subject").HasMaxLength(200);
        builder.Property(m => m.Attendees).HasColumnName("attendees").HasMaxLength(2000);
        builder.Property(m => m.State).HasColumnName("state").HasMaxLength(20);
        builder.Property(m => m.Minutes).HasColumnName("minutes");
        builder.Property(m => m.CreatedAt).HasColumnName("created_at");
        builder.Property(m => m.ChangedAt).HasColumnName("changed_at");
        // One meeting per instance: a request sent back and sent again finds the row it made.
        builder.HasIndex(m => m.InstanceId).IsUnique().HasDatabaseName("ux_office_meetings_instance_id");
        builder.HasIndex(m => new { m.RoomId, m.StartsAt }).HasDatabaseName("ix_office_meetings_room_starts");
    }
}
