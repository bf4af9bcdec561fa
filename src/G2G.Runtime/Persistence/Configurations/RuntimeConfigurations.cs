using G2G.Runtime.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Runtime.Persistence.Configurations;

// Mappings of the runtime tables. Names are spelled exactly as in migration CreateRuntimeTables; the
// schema test compares a migrated database with this model on both providers.

internal sealed class ProcessInstanceConfiguration : IEntityTypeConfiguration<ProcessInstanceRecord>
{
    public void Configure(EntityTypeBuilder<ProcessInstanceRecord> builder)
    {
        builder.ToTable("process_instances");
        builder.HasKey(i => i.Id).HasName("pk_process_instances");
        builder.Property(i => i.Id).ValueGeneratedOnAdd();
        builder.Property(i => i.ProcessKey).HasMaxLength(200);
        builder.Property(i => i.BusinessKey).HasMaxLength(200);
        builder.Property(i => i.Title).HasMaxLength(400);
        builder.Property(i => i.Status).HasMaxLength(20);
        builder.Property(i => i.Initiator).HasMaxLength(100);
        builder.Property(i => i.AgencyId).HasMaxLength(100);
        builder.Property(i => i.EventHead).HasMaxLength(64);
        builder.Property(i => i.Version).IsConcurrencyToken();
        // Appends to the event log that change nothing a user sees (reminders, overdue notices, 督办) move the head but not
        // the version the users' If-Match compares; the head is checked as well, so they still order with commands.
        builder.Property(i => i.EventSeq).IsConcurrencyToken();
        SnakeCase.NameColumns(builder);
        builder.HasIndex(i => new { i.ProcessKey, i.BusinessKey }).HasDatabaseName("ix_process_instances_process_key_business_key");
        builder.HasIndex(i => new { i.Initiator, i.StartedAt }).HasDatabaseName("ix_process_instances_initiator_started_at");
        builder.HasIndex(i => i.ParentInstanceId).HasDatabaseName("ix_process_instances_parent_instance_id");
    }
}

internal sealed class TaskConfiguration : IEntityTypeConfiguration<TaskRecord>
{
    /// <summary>The filters of the partial task indexes, as SQL both databases read alike.</summary>
    internal const string OpenOnly = "state = '" + TaskStates.Open + "'", CompletedOnly = "state = '" + TaskStates.Completed + "'";

    /// <summary>The filter of the offered-task index: open and not assigned to anyone (offered to candidates).</summary>
    internal const string OfferedOnly = OpenOnly + " AND assignee IS NULL";

    public void Configure(EntityTypeBuilder<TaskRecord> builder)
    {
        builder.ToTable("tasks");
        builder.HasKey(t => t.Id).HasName("pk_tasks");
        builder.Property(t => t.Id).ValueGeneratedOnAdd();
        builder.Property(t => t.ElementId).HasMaxLength(200);
        builder.Property(t => t.Name).HasMaxLength(400);
        builder.Property(t => t.ProcessKey).HasMaxLength(200);
        builder.Property(t => t.Title).HasMaxLength(400);
        builder.Property(t => t.FormKey).HasMaxLength(200);
        builder.Property(t => t.Assignee).HasMaxLength(100);
        builder.Property(t => t.AgencyId).HasMaxLength(100);
        builder.Property(t => t.State).HasMaxLength(20);
        builder.Property(t => t.Outcome).HasMaxLength(50);
        builder.Property(t => t.CompletedBy).HasMaxLength(100);
        builder.Property(t => t.AddedSigner).HasMaxLength(100);
        builder.Property(t => t.OnBehalfOf).HasMaxLength(100); // added by migration CreateOrganisation
        builder.Property(t => t.Owner).HasMaxLength(100);
        builder.Property(t => t.Version).IsConcurrencyToken();
        SnakeCase.NameColumns(builder);
        builder.HasMany(t => t.Candidates).WithOne().HasForeignKey(c => c.TaskId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_task_candidates_tasks_task_id");
        builder.HasIndex(t => new { t.InstanceId, t.EngineTaskId }).IsUnique().HasDatabaseName("ux_tasks_instance_id_engine_task_id");
        // "My open tasks by due date" and "overdue in my agency" are served by these two.
        // (The first also holds classification and id, so "my open tasks" is answered from it alone: migration CoveringToDoIndex.)
        builder.HasIndex(t => new { t.Assignee, t.State, t.DueAt, t.Classification, t.Id }).HasDatabaseName("ix_tasks_assignee_state_due_at_classification_id");
        // (The second also holds completed_at, so on-time rates by agency filter the date range in the index: migration AgencyCompletedIndex.)
        builder.HasIndex(t => new { t.AgencyId, t.State, t.DueAt, t.CompletedAt }).HasDatabaseName("ix_tasks_agency_id_state_due_at_completed_at");
        // Partial indexes, of open or of completed tasks only (migrations DoneIndex and PartialTaskIndexes): a task enters
        // and leaves each once instead of moving between its "open" and "completed" parts, and they stay small.
        // Their queries compare state with the same constant, which both databases need to pick a partial index.
        // 已办, the tasks a user completed, newest first, and its count.
        builder.HasIndex(t => new { t.CompletedBy, t.CompletedAt }).HasFilter(CompletedOnly).HasDatabaseName("ix_completed_tasks_completed_by_completed_at");
        // Supervision's on-time rates read the tasks completed in a date range.
        builder.HasIndex(t => t.CompletedAt).HasFilter(CompletedOnly).HasDatabaseName("ix_completed_tasks_completed_at");
        // Supervision's overdue list and aging counts: open tasks in due-date order, filtered by agency and 密级 from the index.
        builder.HasIndex(t => new { t.DueAt, t.AgencyId, t.Classification }).HasFilter(OpenOnly).HasDatabaseName("ix_open_tasks_due_at_agency_id_classification");
        // The offered half of 待办 looks up the ids of the viewer's candidate rows among open unassigned tasks (migration OfferedTaskIndex).
        builder.HasIndex(t => new { t.Id, t.Classification, t.DueAt }).HasFilter(OfferedOnly).HasDatabaseName("ix_offered_tasks_id_classification_due_at");
        // Open tasks whose deadline waits for a year's holidays (migration CalendarData): empty once every year is loaded.
        builder.HasIndex(t => t.Id).HasFilter(OpenOnly + " AND due_provisional").HasDatabaseName("ix_open_tasks_provisional_due");
    }
}

internal sealed class TaskCandidateConfiguration : IEntityTypeConfiguration<TaskCandidateRecord>
{
    public void Configure(EntityTypeBuilder<TaskCandidateRecord> builder)
    {
        builder.ToTable("task_candidates");
        builder.HasKey(c => new { c.TaskId, c.Kind, c.Value }).HasName("pk_task_candidates");
        builder.Property(c => c.Kind).HasMaxLength(10);
        builder.Property(c => c.Value).HasMaxLength(200);
        SnakeCase.NameColumns(builder);
        builder.HasIndex(c => new { c.Kind, c.Value, c.TaskId }).HasDatabaseName("ix_task_candidates_kind_value_task_id");
    }
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<JobRecord>
{
    public void Configure(EntityTypeBuilder<JobRecord> builder)
    {
        builder.ToTable("jobs");
        builder.HasKey(j => j.Id).HasName("pk_jobs");
        builder.Property(j => j.Id).ValueGeneratedOnAdd();
        builder.Property(j => j.Kind).HasMaxLength(30);
        builder.Property(j => j.State).HasMaxLength(20);
        builder.Property(j => j.LeaseOwner).HasMaxLength(100);
        SnakeCase.NameColumns(builder);
        builder.HasIndex(j => new { j.State, j.DueAt }).HasDatabaseName("ix_jobs_state_due_at");
        builder.HasIndex(j => new { j.InstanceId, j.Kind, j.TargetId }).HasDatabaseName("ix_jobs_instance_id_kind_target_id");
    }
}

internal sealed class InstanceEventConfiguration : IEntityTypeConfiguration<InstanceEventRecord>
{
    public void Configure(EntityTypeBuilder<InstanceEventRecord> builder)
    {
        // The key is the only index: every reader (path, audit trail, timeline, verifier) reads one instance's
        // records in sequence order, and an append touches the last page of the instance's range.
        builder.ToTable("instance_events");
        builder.HasKey(e => new { e.InstanceId, e.Seq }).HasName("pk_instance_events");
        builder.Property(e => e.Kind).HasMaxLength(50);
        builder.Property(e => e.ElementId).HasMaxLength(200);
        builder.Property(e => e.ElementKind).HasMaxLength(50);
        builder.Property(e => e.Actor).HasMaxLength(100);
        builder.Property(e => e.OnBehalfOf).HasMaxLength(100);
        builder.Property(e => e.Outcome).HasMaxLength(200);
        builder.Property(e => e.Hash).HasMaxLength(64);
        SnakeCase.NameColumns(builder);
    }
}

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.Id).HasName("pk_audit_log");
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.Chain).HasMaxLength(100);
        builder.Property(a => a.Actor).HasMaxLength(100);
        builder.Property(a => a.Action).HasMaxLength(50);
        builder.Property(a => a.ElementId).HasMaxLength(200);
        builder.Property(a => a.Outcome).HasMaxLength(50);
        builder.Property(a => a.PrevHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
        SnakeCase.NameColumns(builder);
        builder.HasIndex(a => new { a.Chain, a.Seq }).IsUnique().HasDatabaseName("ux_audit_log_chain_seq");
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHeadRecord>
{
    public void Configure(EntityTypeBuilder<AuditHeadRecord> builder)
    {
        builder.ToTable("audit_heads");
        builder.HasKey(h => h.Chain).HasName("pk_audit_heads");
        builder.Property(h => h.Chain).HasMaxLength(100);
        builder.Property(h => h.Hash).HasMaxLength(64);
        SnakeCase.NameColumns(builder);
    }
}

internal sealed class EventAnchorConfiguration : IEntityTypeConfiguration<EventAnchorRecord>
{
    public void Configure(EntityTypeBuilder<EventAnchorRecord> builder)
    {
        builder.ToTable("event_anchors");
        builder.HasKey(a => a.Seq).HasName("pk_event_anchors");
        builder.Property(a => a.Seq).ValueGeneratedNever();
        builder.Property(a => a.HeadsDigest).HasMaxLength(64);
        builder.Property(a => a.PrevHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
        SnakeCase.NameColumns(builder);
    }
}

internal sealed class AnchoredHeadConfiguration : IEntityTypeConfiguration<AnchoredHeadRecord>
{
    public void Configure(EntityTypeBuilder<AnchoredHeadRecord> builder)
    {
        builder.ToTable("event_anchor_heads");
        builder.HasKey(h => h.InstanceId).HasName("pk_event_anchor_heads");
        builder.Property(h => h.InstanceId).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(64);
        SnakeCase.NameColumns(builder);
    }
}

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxRecord>
{
    public void Configure(EntityTypeBuilder<OutboxRecord> builder)
    {
        builder.ToTable("outbox");
        builder.HasKey(o => o.Id).HasName("pk_outbox");
        builder.Property(o => o.Id).ValueGeneratedOnAdd();
        builder.Property(o => o.NotificationId).HasMaxLength(100);
        builder.Property(o => o.Kind).HasMaxLength(50);
        builder.Property(o => o.Recipient).HasMaxLength(100);
        builder.Property(o => o.Subject).HasMaxLength(400);
        SnakeCase.NameColumns(builder);
        builder.HasIndex(o => o.NotificationId).IsUnique().HasDatabaseName("ux_outbox_notification_id");
        builder.HasIndex(o => new { o.DispatchedAt, o.Id }).HasDatabaseName("ix_outbox_dispatched_at_id");
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<NotificationRecord>
{
    public void Configure(EntityTypeBuilder<NotificationRecord> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id).HasName("pk_notifications");
        builder.Property(n => n.Id).HasMaxLength(100);
        builder.Property(n => n.UserId).HasMaxLength(100);
        builder.Property(n => n.Kind).HasMaxLength(50);
        builder.Property(n => n.Subject).HasMaxLength(400);
        SnakeCase.NameColumns(builder);
        builder.HasIndex(n => new { n.UserId, n.ReadAt }).HasDatabaseName("ix_notifications_user_id_read_at");
    }
}

internal sealed class EventSubscriptionConfiguration : IEntityTypeConfiguration<EventSubscriptionRecord>
{
    public void Configure(EntityTypeBuilder<EventSubscriptionRecord> builder)
    {
        builder.ToTable("event_subscriptions");
        builder.HasKey(s => s.Id).HasName("pk_event_subscriptions");
        builder.Property(s => s.Id).ValueGeneratedOnAdd();
        builder.Property(s => s.Kind).HasMaxLength(20);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.CorrelationKey).HasMaxLength(200);
        builder.Property(s => s.ElementId).HasMaxLength(200);
        SnakeCase.NameColumns(builder);
        builder.HasIndex(s => new { s.InstanceId, s.SubscriptionId }).IsUnique().HasDatabaseName("ux_event_subscriptions_instance_id_subscription_id");
        builder.HasIndex(s => new { s.Kind, s.Name, s.CorrelationKey }).HasDatabaseName("ix_event_subscriptions_kind_name_correlation_key");
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<IncidentRecord>
{
    public void Configure(EntityTypeBuilder<IncidentRecord> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(i => i.Id).HasName("pk_incidents");
        builder.Property(i => i.Id).ValueGeneratedOnAdd();
        builder.Property(i => i.ElementId).HasMaxLength(200);
        SnakeCase.NameColumns(builder);
        builder.HasIndex(i => new { i.InstanceId, i.ResolvedAt }).HasDatabaseName("ix_incidents_instance_id_resolved_at");
    }
}

internal sealed class FormDefinitionConfiguration : IEntityTypeConfiguration<FormDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<FormDefinitionRecord> builder)
    {
        builder.ToTable("form_definitions");
        builder.HasKey(f => f.Id).HasName("pk_form_definitions");
        builder.Property(f => f.Id).ValueGeneratedOnAdd();
        builder.Property(f => f.FormKey).HasMaxLength(200);
        builder.Property(f => f.ContentHash).HasMaxLength(64);
        SnakeCase.NameColumns(builder);
        builder.HasIndex(f => new { f.FormKey, f.Version }).IsUnique().HasDatabaseName("ux_form_definitions_form_key_version");
        builder.HasIndex(f => new { f.DefinitionId, f.FormKey }).HasDatabaseName("ix_form_definitions_definition_id_form_key");
    }
}

internal sealed class TaskCopyConfiguration : IEntityTypeConfiguration<TaskCopyRecord>
{
    public void Configure(EntityTypeBuilder<TaskCopyRecord> builder)
    {
        builder.ToTable("task_copies");
        builder.HasKey(c => c.Id).HasName("pk_task_copies");
        builder.Property(c => c.Id).ValueGeneratedOnAdd();
        builder.Property(c => c.UserId).HasMaxLength(100);
        builder.Property(c => c.CopiedBy).HasMaxLength(100);
        SnakeCase.NameColumns(builder);
        builder.HasIndex(c => new { c.UserId, c.ReadAt }).HasDatabaseName("ix_task_copies_user_id_read_at");
        builder.HasIndex(c => c.InstanceId).HasDatabaseName("ix_task_copies_instance_id");
    }
}
