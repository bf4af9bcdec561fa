using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// The organisation: agencies and their guidance lines, departments, users (ASP.NET Core Identity's tables in
/// snake_case), positions, groups, delegations, and <c>tasks.on_behalf_of</c>. Provider-neutral, as every
/// migration here. Creation order follows the foreign keys: agencies, departments, users, then what refers to users.
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261122100000_CreateOrganisation")]
public sealed partial class CreateOrganisation : Migration
{
    /// <summary>A database-generated key, annotated for both providers.</summary>
    private static OperationBuilder<AddColumnOperation> Identity<T>(ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        CreateAgenciesAndDepartments(migrationBuilder);
        CreateIdentity(migrationBuilder);
        CreatePeopleLinks(migrationBuilder);
        migrationBuilder.AddColumn<string>("on_behalf_of", "tasks", maxLength: 100, nullable: true);
    }

    private static void CreateAgenciesAndDepartments(MigrationBuilder m)
    {
        m.CreateTable("agencies", t => new
        {
            id = t.Column<string>(maxLength: 50, nullable: false),
            name = t.Column<string>(maxLength: 200, nullable: false),
            short_name = t.Column<string>(maxLength: 50, nullable: true),
            kind = t.Column<string>(maxLength: 20, nullable: false),
            parent_id = t.Column<string>(maxLength: 50, nullable: true),
            path = t.Column<string>(maxLength: 1000, nullable: false),
            is_active = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_agencies", x => x.id);
            t.ForeignKey("fk_agencies_agencies_parent_id", x => x.parent_id, "agencies", "id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("ix_agencies_parent_id", "agencies", "parent_id");
        m.CreateIndex("ux_agencies_path", "agencies", "path", unique: true);

        m.CreateTable("agency_guidance_lines", t => new
        {
            superior_agency_id = t.Column<string>(maxLength: 50, nullable: false),
            subordinate_agency_id = t.Column<string>(maxLength: 50, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_agency_guidance_lines", x => new { x.superior_agency_id, x.subordinate_agency_id });
            t.ForeignKey("fk_agency_guidance_lines_agencies_superior_agency_id", x => x.superior_agency_id, "agencies", "id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("fk_agency_guidance_lines_agencies_subordinate_agency_id", x => x.subordinate_agency_id, "agencies", "id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("ix_agency_guidance_lines_subordinate_agency_id", "agency_guidance_lines", "subordinate_agency_id");

        m.CreateTable("departments", t => new
        {
            id = t.Column<string>(maxLength: 50, nullable: false),
            agency_id = t.Column<string>(maxLength: 50, nullable: false),
            parent_id = t.Column<string>(maxLength: 50, nullable: true),
            name = t.Column<string>(maxLength: 200, nullable: false),
            head_user_id = t.Column<string>(maxLength: 100, nullable: true),
            is_active = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_departments", x => x.id);
            t.ForeignKey("fk_departments_agencies_agency_id", x => x.agency_id, "agencies", "id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("fk_departments_departments_parent_id", x => x.parent_id, "departments", "id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("ix_departments_agency_id", "departments", "agency_id");
        m.CreateIndex("ix_departments_parent_id", "departments", "parent_id");
        m.CreateIndex("ix_departments_head_user_id", "departments", "head_user_id");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("on_behalf_of", "tasks");
        foreach (var table in new[]
        {
            "delegations", "group_members", "groups", "user_positions",
            "user_tokens", "user_roles", "user_logins", "user_claims", "role_claims", "roles", "users",
            "departments", "agency_guidance_lines", "agencies",
        })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
