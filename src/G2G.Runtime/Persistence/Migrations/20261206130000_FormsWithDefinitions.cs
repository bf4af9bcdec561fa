using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// A form schema may be deployed with a definition version (<c>form_definitions.definition_id</c>): the tasks of that
/// version are drawn and checked with it, on every node. Forms deployed on their own (the workflows folder) have none.
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261206130000_FormsWithDefinitions")]
public sealed class FormsWithDefinitions : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<long>("definition_id", "form_definitions", nullable: true);
        migrationBuilder.CreateIndex("ix_form_definitions_definition_id_form_key", "form_definitions", ["definition_id", "form_key"]);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("ix_form_definitions_definition_id_form_key", "form_definitions");
        migrationBuilder.DropColumn("definition_id", "form_definitions");
    }
}
