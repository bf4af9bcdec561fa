using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using G2G.Engine.Expressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace G2G.Web.Api;

/// <summary>Marks a text field that carries a whole file (a BPMN file's XML): only the body's size limits it.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class FileContentAttribute : Attribute;

/// <summary>
/// Checks every API request's arguments before the handler runs, so that nothing out of range reaches the
/// runtime or the database: enum values that are not defined, page numbers, and the text and size limits of
/// <see cref="ApiLimits"/> on request bodies. Problems answer 400 <c>validation</c> with every field.
/// </summary>
internal static class RequestChecks
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext factory, EndpointFilterDelegate next)
    {
        var parameters = factory.MethodInfo.GetParameters();
        return async context =>
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var services = context.HttpContext.RequestServices;
            var limits = services.GetRequiredService<IOptionsMonitor<ApiLimits>>().CurrentValue;
            var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            for (var i = 0; i < parameters.Length && i < context.Arguments.Count; i++)
                Check(parameters[i].Name!, context.Arguments[i], limits, json, errors, topLevel: true);
            return errors.Count == 0 ? await next(context) : ApiResults.Invalid(errors);
        };
    }

    private static void Check(string field, object? value, ApiLimits limits, JsonSerializerOptions json, Dictionary<string, string[]> errors, bool topLevel)
    {
        switch (value)
        {
            case null or CancellationToken or HttpContext or HttpRequest or bool or DateOnly or DateTimeOffset:
                return;
            case Enum e when !Enum.IsDefined(e.GetType(), e):
                Add(errors, field, ApiText.Get("NotOneOf", e, string.Join(", ", Enum.GetNames(e.GetType()))));
                return;
            case int number when field is "page" or "pageSize" && number < 1:
                Add(errors, field, ApiText.Get("AtLeast", 1));
                return;
            case string text when !topLevel:
                CheckText(field, text, limits, errors);
                return;
            case IDictionary<string, Value> variables:
                var size = JsonSerializer.SerializeToUtf8Bytes(variables, json).Length;
                if (size > limits.MaxVariablesBytes)
                    Add(errors, field, ApiText.Get("VariablesTooLarge", size, limits.MaxVariablesBytes));
                return;
            case IEnumerable items and not string when !topLevel:
                var index = 0;
                foreach (var item in items)
                    Check($"{field}[{index++}]", item, limits, json, errors, topLevel: false);
                return;
        }
        // Request records (bodies, [AsParameters] queries) are checked field by field; services are no records, and
        // the service bundles (XxxServices) carry nothing the client sent.
        if (value.GetType() is var type && type.GetMethod("<Clone>$") is not null && !type.Name.EndsWith("Services", StringComparison.Ordinal))
        {
            foreach (var property in Properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                         .Where(p => p.GetCustomAttribute<FileContentAttribute>() is null).ToArray()))
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                Check(topLevel ? name : $"{field}.{name}", property.GetValue(value), limits, json, errors, topLevel: false);
            }
        }
    }

    /// <summary>Comments and reasons may span lines and run longer; every other text is one short line.</summary>
    private static void CheckText(string field, string text, ApiLimits limits, Dictionary<string, string[]> errors)
    {
        var leaf = field[(field.LastIndexOf('.') + 1)..];
        var isComment = leaf is "comment" or "reason";
        var max = isComment ? limits.MaxCommentLength : limits.MaxTextLength;
        if (text.Length > max)
            Add(errors, field, ApiText.Get("TooLong", max, text.Length));
        if (text.Any(c => char.IsControl(c) && !(isComment && c is '\n' or '\r' or '\t')))
            Add(errors, field, ApiText.Get("ControlCharacters"));
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var known) ? [.. known, message] : [message];
}
