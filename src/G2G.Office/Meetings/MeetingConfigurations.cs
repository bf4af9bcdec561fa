using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Office.Meetings;

internal sealed class MeetingRoomConfiguration : IEntityTypeConfiguration<MeetingRoomRecord>
{
    public void Configure(EntityTypeBuilder<MeetingRoomRecord> builder)
    {
        builder.ToRecordTable("office_meeting_rooms");
        builder.Property(r => r.AgencyId).HasMaxLength(100);
        builder.Property(r => r.Code).HasMaxLength(20);
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.HasIndex(r => new { r.AgencyId, r.Code }).IsUnique().HasDatabaseName("ux_office_meeting_rooms_agency_code");
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<MeetingRecord>
{
    public void Configure(EntityTypeBuilder<MeetingRecord> builder)
    {
        builder.ToRecordTable("office_meetings");
        builder.Property(m => m.AgencyId).HasMaxLength(100);
        builder.Property(m => m.OrganiserId).HasMaxLength(100);
        builder.Property(m => m.Subject).HasMaxLength(200);
        builder.Property(m => m.Attendees).HasMaxLength(2000);
        builder.Property(m => m.State).HasMaxLength(20);
        // One meeting per instance: a request sent back and sent again finds the row it made.
        builder.HasIndex(m => m.InstanceId).IsUnique().HasDatabaseName("ux_office_meetings_instance_id");
        builder.HasIndex(m => new { m.RoomId, m.StartsAt }).HasDatabaseName("ix_office_meetings_room_starts");
    }
}
