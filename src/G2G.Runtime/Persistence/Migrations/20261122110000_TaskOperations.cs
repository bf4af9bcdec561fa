using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>Task operations: the owner a delegated (委派) task returns to, and copies for reading (抄送/传阅).</summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261122110000_TaskOperations")]
public sealed class TaskOperations : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>("owner", "tasks", maxLength: 100, nullable: true);
        migrationBuilder.CreateTable("task_copies", t => new
        {
            id = t.Column<long>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            instance_id = t.Column<long>(nullable: false),
            task_id = t.Column<long>(nullable: true),
            user_id = t.Column<string>(maxLength: 100, nullable: false),
            copied_by = t.Column<string>(maxLength: 100, nullable: false),
            comment = t.Column<string>(nullable: true),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            read_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_task_copies", x => x.id));
        migrationBuilder.CreateIndex("ix_task_copies_user_id_read_at", "task_copies", ["user_id", "read_at"]);
        migrationBuilder.CreateIndex("ix_task_copies_instance_id", "task_copies", "instance_id");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("task_copies");
        migrationBuilder.DropColumn("owner", "tasks");
    }
}
