using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Runtime.Persistence.Configurations;

/// <summary>Names every column of an entity in snake_case, the spelling the hand-written migrations use.</summary>
internal static class SnakeCase
{
    public static void NameColumns<T>(EntityTypeBuilder<T> builder) where T : class
    {
        foreach (var property in builder.Metadata.GetProperties())
            builder.Property(property.Name).HasColumnName(Of(property.Name));
    }

    public static string Of(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
