using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Runtime.Persistence.Migrations;

public sealed partial class CreateOrganisation
{
    /// <summary>ASP.NET Core Identity's tables with the project's names, and the organisation's columns on users.</summary>
    private static void CreateIdentity(MigrationBuilder m)
    {
        m.CreateTable("users", t => new
        {
            id = t.Column<string>(maxLength: 100, nullable: false),
            user_name = t.Column<string>(maxLength: 256, nullable: true),
            normalized_user_name = t.Column<string>(maxLength: 256, nullable: true),
            email = t.Column<string>(maxLength: 256, nullable: true),
            normalized_email = t.Column<string>(maxLength: 256, nullable: true),
            email_confirmed = t.Column<bool>(nullable: false),
            password_hash = t.Column<string>(nullable: true),
            security_stamp = t.Column<string>(nullable: true),
            concurrency_stamp = t.Column<string>(nullable: true),
            phone_number = t.Column<string>(maxLength: 256, nullable: true),
            phone_number_confirmed = t.Column<bool>(nullable: false),
            two_factor_enabled = t.Column<bool>(nullable: false),
            lockout_end = t.Column<DateTimeOffset>(nullable: true),
            lockout_enabled = t.Column<bool>(nullable: false),
            access_failed_count = t.Column<int>(nullable: false),
            display_name = t.Column<string>(maxLength: 100, nullable: false),
            department_id = t.Column<string>(maxLength: 50, nullable: true),
            agency_id = t.Column<string>(maxLength: 50, nullable: true),
            clearance = t.Column<int>(nullable: false),
            is_active = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_users", x => x.id);
            t.ForeignKey("fk_users_departments_department_id", x => x.department_id, "departments", "id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("fk_users_agencies_agency_id", x => x.agency_id, "agencies", "id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("ux_users_normalized_user_name", "users", "normalized_user_name", unique: true);
        m.CreateIndex("ix_users_normalized_email", "users", "normalized_email");
        m.CreateIndex("ix_users_department_id", "users", "department_id");
        m.CreateIndex("ix_users_agency_id", "users", "agency_id");

        m.CreateTable("roles", t => new
        {
            id = t.Column<string>(maxLength: 100, nullable: false),
            name = t.Column<string>(maxLength: 256, nullable: true),
            normalized_name = t.Column<string>(maxLength: 256, nullable: true),
            concurrency_stamp = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_roles", x => x.id));
        m.CreateIndex("ux_roles_normalized_name", "roles", "normalized_name", unique: true);

        m.CreateTable("role_claims", t => new
        {
            id = Identity<int>(t),
            role_id = t.Column<string>(maxLength: 100, nullable: false),
            claim_type = t.Column<string>(nullable: true),
            claim_value = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_role_claims", x => x.id);
            t.ForeignKey("fk_role_claims_roles_role_id", x => x.role_id, "roles", "id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("ix_role_claims_role_id", "role_claims", "role_id");

        m.CreateTable("user_claims", t => new
        {
            id = Identity<int>(t),
            user_id = t.Column<string>(maxLength: 100, nullable: false),
            claim_type = t.Column<string>(nullable: true),
            claim_value = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_user_claims", x => x.id);
            t.ForeignKey("fk_user_claims_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("ix_user_claims_user_id", "user_claims", "user_id");

        m.CreateTable("user_logins", t => new
        {
            login_provider = t.Column<string>(maxLength: 128, nullable: false),
            provider_key = t.Column<string>(maxLength: 128, nullable: false),
            provider_display_name = t.Column<string>(nullable: true),
            user_id = t.Column<string>(maxLength: 100, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_user_logins", x => new { x.login_provider, x.provider_key });
            t.ForeignKey("fk_user_logins_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("ix_user_logins_user_id", "user_logins", "user_id");

        m.CreateTable("user_roles", t => new
        {
            user_id = t.Column<string>(maxLength: 100, nullable: false),
            role_id = t.Column<string>(maxLength: 100, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_user_roles", x => new { x.user_id, x.role_id });
            t.ForeignKey("fk_user_roles_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("fk_user_roles_roles_role_id", x => x.role_id, "roles", "id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("ix_user_roles_role_id", "user_roles", "role_id");

        m.CreateTable("user_tokens", t => new
        {
            user_id = t.Column<string>(maxLength: 100, nullable: false),
            login_provider = t.Column<string>(maxLength: 128, nullable: false),
            name = t.Column<string>(maxLength: 128, nullable: false),
            value = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_user_tokens", x => new { x.user_id, x.login_provider, x.name });
            t.ForeignKey("fk_user_tokens_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
        });
    }

    /// <summary>Positions, groups and delegations: everything that links users to the organisation.</summary>
    private static void CreatePeopleLinks(MigrationBuilder m)
    {
        m.CreateTable("user_positions", t => new
        {
            id = Identity<long>(t),
            user_id = t.Column<string>(maxLength: 100, nullable: false),
            name = t.Column<string>(maxLength: 50, nullable: false),
            agency_id = t.Column<string>(maxLength: 50, nullable: false),
            department_id = t.Column<string>(maxLength: 50, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_user_positions", x => x.id);
            t.ForeignKey("fk_user_positions_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("fk_user_positions_agencies_agency_id", x => x.agency_id, "agencies", "id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("fk_user_positions_departments_department_id", x => x.department_id, "departments", "id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("ix_user_positions_user_id", "user_positions", "user_id");
        m.CreateIndex("ix_user_positions_agency_id_name", "user_positions", ["agency_id", "name"]);
        m.CreateIndex("ix_user_positions_department_id_name", "user_positions", ["department_id", "name"]);

        m.CreateTable("groups", t => new
        {
            id = t.Column<string>(maxLength: 100, nullable: false),
            name = t.Column<string>(maxLength: 200, nullable: false),
            agency_id = t.Column<string>(maxLength: 50, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_groups", x => x.id);
            t.ForeignKey("fk_groups_agencies_agency_id", x => x.agency_id, "agencies", "id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("ix_groups_agency_id", "groups", "agency_id");

        m.CreateTable("group_members", t => new
        {
            group_id = t.Column<string>(maxLength: 100, nullable: false),
            user_id = t.Column<string>(maxLength: 100, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_group_members", x => new { x.group_id, x.user_id });
            t.ForeignKey("fk_group_members_groups_group_id", x => x.group_id, "groups", "id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("fk_group_members_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("ix_group_members_user_id", "group_members", "user_id");

        m.CreateTable("delegations", t => new
        {
            id = Identity<long>(t),
            from_user_id = t.Column<string>(maxLength: 100, nullable: false),
            to_user_id = t.Column<string>(maxLength: 100, nullable: false),
            starts_on = t.Column<DateOnly>(nullable: false),
            ends_on = t.Column<DateOnly>(nullable: false),
            process_keys = t.Column<string>(maxLength: 1000, nullable: true),
            reason = t.Column<string>(maxLength: 400, nullable: true),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            created_by = t.Column<string>(maxLength: 100, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_delegations", x => x.id);
            t.ForeignKey("fk_delegations_users_from_user_id", x => x.from_user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("fk_delegations_users_to_user_id", x => x.to_user_id, "users", "id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("ix_delegations_from_user_id_starts_on", "delegations", ["from_user_id", "starts_on"]);
        m.CreateIndex("ix_delegations_to_user_id", "delegations", "to_user_id");
    }
}
