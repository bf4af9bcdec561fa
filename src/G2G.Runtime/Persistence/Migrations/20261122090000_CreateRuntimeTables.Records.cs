using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Runtime.Persistence.Migrations;

public sealed partial class CreateRuntimeTables
{
    private static void CreateJobsAndEvents(MigrationBuilder m)
    {
        m.CreateTable("jobs", t => new
        {
            id = Identity(t),
            kind = t.Column<string>(maxLength: 30, nullable: false),
            instance_id = t.Column<long>(nullable: true),
            target_id = t.Column<long>(nullable: true),
            payload = t.Column<string>(nullable: true),
            due_at = t.Column<DateTimeOffset>(nullable: false),
            state = t.Column<string>(maxLength: 20, nullable: false),
            attempts = t.Column<int>(nullable: false),
            lease_owner = t.Column<string>(maxLength: 100, nullable: true),
            lease_until = t.Column<DateTimeOffset>(nullable: true),
            last_error = t.Column<string>(nullable: true),
            created_at = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_jobs", x => x.id));
        m.CreateIndex("ix_jobs_state_due_at", "jobs", ["state", "due_at"]);
        m.CreateIndex("ix_jobs_instance_id_kind_target_id", "jobs", ["instance_id", "kind", "target_id"]);

        m.CreateTable("event_subscriptions", t => new
        {
            id = Identity(t),
            instance_id = t.Column<long>(nullable: false),
            subscription_id = t.Column<long>(nullable: false),
            kind = t.Column<string>(maxLength: 20, nullable: false),
            name = t.Column<string>(maxLength: 200, nullable: false),
            correlation_key = t.Column<string>(maxLength: 200, nullable: true),
            element_id = t.Column<string>(maxLength: 200, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_event_subscriptions", x => x.id));
        m.CreateIndex("ux_event_subscriptions_instance_id_subscription_id", "event_subscriptions", ["instance_id", "subscription_id"], unique: true);
        m.CreateIndex("ix_event_subscriptions_kind_name_correlation_key", "event_subscriptions", ["kind", "name", "correlation_key"]);

        m.CreateTable("incidents", t => new
        {
            id = Identity(t),
            instance_id = t.Column<long>(nullable: false),
            engine_incident_id = t.Column<long>(nullable: true),
            job_id = t.Column<long>(nullable: true),
            element_id = t.Column<string>(maxLength: 200, nullable: true),
            message = t.Column<string>(nullable: false),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            resolved_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_incidents", x => x.id));
        m.CreateIndex("ix_incidents_instance_id_resolved_at", "incidents", ["instance_id", "resolved_at"]);
    }

    private static void CreateRecords(MigrationBuilder m)
    {
        m.CreateTable("history", t => new
        {
            id = Identity(t),
            instance_id = t.Column<long>(nullable: false),
            element_id = t.Column<string>(maxLength: 200, nullable: false),
            element_kind = t.Column<string>(maxLength: 50, nullable: false),
            phase = t.Column<string>(maxLength: 20, nullable: false),
            token_id = t.Column<long>(nullable: false),
            occurred_at = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_history", x => x.id));
        m.CreateIndex("ix_history_instance_id_id", "history", ["instance_id", "id"]);

        m.CreateTable("audit_log", t => new
        {
            id = Identity(t),
            chain = t.Column<string>(maxLength: 100, nullable: false),
            seq = t.Column<long>(nullable: false),
            occurred_at = t.Column<DateTimeOffset>(nullable: false),
            actor = t.Column<string>(maxLength: 100, nullable: true),
            action = t.Column<string>(maxLength: 50, nullable: false),
            instance_id = t.Column<long>(nullable: true),
            task_id = t.Column<long>(nullable: true),
            element_id = t.Column<string>(maxLength: 200, nullable: true),
            outcome = t.Column<string>(maxLength: 50, nullable: true),
            comment = t.Column<string>(nullable: true),
            data = t.Column<string>(nullable: true),
            prev_hash = t.Column<string>(maxLength: 64, nullable: false),
            hash = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_audit_log", x => x.id));
        m.CreateIndex("ux_audit_log_chain_seq", "audit_log", ["chain", "seq"], unique: true);
        m.CreateIndex("ix_audit_log_instance_id_id", "audit_log", ["instance_id", "id"]);

        m.CreateTable("outbox", t => new
        {
            id = Identity(t),
            notification_id = t.Column<string>(maxLength: 100, nullable: false),
            kind = t.Column<string>(maxLength: 50, nullable: false),
            recipient = t.Column<string>(maxLength: 100, nullable: false),
            subject = t.Column<string>(maxLength: 400, nullable: false),
            body = t.Column<string>(nullable: true),
            instance_id = t.Column<long>(nullable: true),
            task_id = t.Column<long>(nullable: true),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            dispatched_at = t.Column<DateTimeOffset>(nullable: true),
            attempts = t.Column<int>(nullable: false),
            last_error = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_outbox", x => x.id));
        m.CreateIndex("ux_outbox_notification_id", "outbox", "notification_id", unique: true);
        m.CreateIndex("ix_outbox_dispatched_at_id", "outbox", ["dispatched_at", "id"]);

        m.CreateTable("notifications", t => new
        {
            id = t.Column<string>(maxLength: 100, nullable: false),
            user_id = t.Column<string>(maxLength: 100, nullable: false),
            kind = t.Column<string>(maxLength: 50, nullable: false),
            subject = t.Column<string>(maxLength: 400, nullable: false),
            body = t.Column<string>(nullable: true),
            instance_id = t.Column<long>(nullable: true),
            task_id = t.Column<long>(nullable: true),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            read_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_notifications", x => x.id));
        m.CreateIndex("ix_notifications_user_id_read_at", "notifications", ["user_id", "read_at"]);

        m.CreateTable("form_definitions", t => new
        {
            id = Identity(t),
            form_key = t.Column<string>(maxLength: 200, nullable: false),
            version = t.Column<int>(nullable: false),
            content_hash = t.Column<string>(maxLength: 64, nullable: false),
            schema = t.Column<string>(nullable: false),
            deployed_at = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_form_definitions", x => x.id));
        m.CreateIndex("ux_form_definitions_form_key_version", "form_definitions", ["form_key", "version"], unique: true);
    }
}
