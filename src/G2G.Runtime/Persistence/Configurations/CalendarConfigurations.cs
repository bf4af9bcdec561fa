using G2G.Runtime.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Runtime.Persistence.Configurations;

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYearRecord>
{
    public void Configure(EntityTypeBuilder<CalendarYearRecord> builder)
    {
        builder.ToTable("calendar_years");
        builder.HasKey(y => y.Year).HasName("pk_calendar_years");
        builder.Property(y => y.Year).ValueGeneratedNever();
        builder.Property(y => y.ContentHash).HasMaxLength(64);
        builder.Property(y => y.Source).HasMaxLength(20);
        builder.Property(y => y.LoadedBy).HasMaxLength(100);
        SnakeCase.NameColumns(builder);
    }
}

internal sealed class CalendarOverrideConfiguration : IEntityTypeConfiguration<CalendarOverrideRecord>
{
    public void Configure(EntityTypeBuilder<CalendarOverrideRecord> builder)
    {
        builder.ToTable("calendar_overrides");
        builder.HasKey(o => o.Id).HasName("pk_calendar_overrides");
        builder.Property(o => o.Id).ValueGeneratedOnAdd();
        builder.Property(o => o.AgencyId).HasMaxLength(50);
        builder.Property(o => o.Reason).HasMaxLength(400);
        builder.Property(o => o.CreatedBy).HasMaxLength(100);
        SnakeCase.NameColumns(builder);
        // One override per agency and day: a second one for the same day replaces the first.
        builder.HasIndex(o => new { o.AgencyId, o.Date }).IsUnique().HasDatabaseName("ux_calendar_overrides_agency_id_date");
        builder.HasOne<Organisation.AgencyRecord>().WithMany().HasForeignKey(o => o.AgencyId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_calendar_overrides_agencies_agency_id");
    }
}
