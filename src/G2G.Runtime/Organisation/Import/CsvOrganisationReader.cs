using System.Text;

namespace G2G.Runtime.Organisation.Import;

/// <summary>
/// Reads the CSV import format (docs/organisation.md): one record per line, the first field naming the kind of
/// record and the others in a fixed order per kind (trailing empty fields may be left out):
/// <code>
/// agency,id,name,short_name,kind,parent
/// guidance,superior,subordinate
/// department,id,agency,name,parent,head
/// user,id,name,department,agency,clearance,email
/// position,user,name,unit
/// group,id,name,agency
/// member,group,user
/// delegation,from,to,start,end,processes,reason
/// </code>
/// Fields follow RFC 4180 (commas, double quotes, doubled quotes inside them). Blank lines and lines starting
/// with <c>#</c> are ignored. Problems are located by the line where the record starts.
/// </summary>
internal static class CsvOrganisationReader
{
    private static readonly Dictionary<string, string[]> Layouts = new(StringComparer.Ordinal)
    {
        ["agency"] = ["id", "name", "short_name", "kind", "parent"],
        ["guidance"] = ["superior", "subordinate"],
        ["department"] = ["id", "agency", "name", "parent", "head"],
        ["user"] = ["id", "name", "department", "agency", "clearance", "email"],
        ["position"] = ["user", "name", "unit"],
        ["group"] = ["id", "name", "agency"],
        ["member"] = ["group", "user"],
        ["delegation"] = ["from", "to", "start", "end", "processes", "reason"],
    };

    private static readonly string[] DateFields = ["start", "end"];

    private static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        ["agency"] = ["id", "name"],
        ["guidance"] = ["superior", "subordinate"],
        ["department"] = ["id", "agency", "name"],
        ["user"] = ["id", "name"],
        ["position"] = ["user", "name"],
        ["group"] = ["id", "name"],
        ["member"] = ["group", "user"],
        ["delegation"] = ["from", "to", "start", "end"],
    };

    public static OrganisationDocument Read(string csv)
    {
        var document = new OrganisationDocument();
        foreach (var (line, fields, error) in Records(csv))
        {
            var location = $"line {line}";
            if (error is not null)
            {
                document.Problems.Add(new(location, error));
                continue;
            }
            if (fields.Count == 0 || (fields.Count == 1 && fields[0].Trim().Length == 0) || fields[0].TrimStart().StartsWith('#'))
                continue;
            var kind = fields[0].Trim().ToLowerInvariant();
            if (!Layouts.TryGetValue(kind, out var layout))
            {
                document.Problems.Add(new(location, $"unknown record kind '{fields[0].Trim()}'; expected {string.Join(", ", Layouts.Keys)}."));
                continue;
            }
            if (fields.Count - 1 > layout.Length)
            {
                document.Problems.Add(new(location, $"a {kind} record has at most {layout.Length} fields ({string.Join(",", layout)}), this one has {fields.Count - 1}."));
                continue;
            }
            var values = layout.Select((name, i) => (name, value: i + 1 < fields.Count ? ImportValues.Optional(fields[i + 1]) : null))
                .ToDictionary(f => f.name, f => f.value, StringComparer.Ordinal);
            var missing = Required[kind].Where(name => values[name] is null).ToList();
            if (missing.Count > 0)
            {
                document.Problems.Add(new(location, $"the {kind} record lacks {string.Join(", ", missing)}."));
                continue;
            }
            Add(document, kind, values, location);
        }
        return document;
    }

    private static void Add(OrganisationDocument document, string kind, Dictionary<string, string?> v, string location)
    {
        switch (kind)
        {
            case "agency":
                if (!ImportValues.TryKind(v["kind"], out var agencyKind))
                    document.Problems.Add(new(location, $"'{v["kind"]}' is not an agency kind; use {ImportValues.KindsAccepted}."));
                else
                    document.Agencies.Add(new(new NewAgency(v["id"]!, v["name"]!, v["parent"], v["short_name"], agencyKind), location));
                break;
            case "guidance":
                document.GuidanceLines.Add(new(new GuidanceLine(v["superior"]!, v["subordinate"]!), location));
                break;
            case "department":
                document.Departments.Add(new(new NewDepartment(v["id"]!, v["agency"]!, v["name"]!, v["parent"], v["head"]), location));
                break;
            case "user":
                if (!ImportValues.TryClearance(v["clearance"], out var clearance))
                    document.Problems.Add(new(location, $"'{v["clearance"]}' is not a clearance level; use {ClearanceLevels.Accepted}."));
                else
                    document.Users.Add(new(new NewUser(v["id"]!, v["name"]!, v["department"], v["agency"], clearance, v["email"]), location));
                break;
            case "position":
                document.Positions.Add(new(new PositionItem(v["user"]!, v["name"]!, v["unit"]), location));
                break;
            case "group":
                document.Groups.Add(new(new GroupItem(v["id"]!, v["name"]!, v["agency"]), location));
                break;
            case "member":
                document.Members.Add(new(new MemberItem(v["group"]!, v["user"]!), location));
                break;
            default:
                var badDates = DateFields.Where(f => !ImportValues.TryDate(v[f], out _)).ToList();
                if (badDates.Count > 0)
                {
                    document.Problems.Add(new(location, string.Join(" ", badDates.Select(f => $"{f} '{v[f]}' is not a date written yyyy-MM-dd."))));
                    break;
                }
                ImportValues.TryDate(v["start"], out var start);
                ImportValues.TryDate(v["end"], out var end);
                document.Delegations.Add(new(new NewDelegation(v["from"]!, v["to"]!, start, end, DelegationProcesses.Split(v["processes"]), v["reason"]), location));
                break;
        }
    }

    /// <summary>RFC 4180 records with the line each starts on; a quoted field may span lines.</summary>
    internal static IEnumerable<(int Line, List<string> Fields, string? Error)> Records(string text)
    {
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? error = null;
            var quoted = false;
            var fieldStarted = false;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i++;
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (c == '\n')
                            line++;
                        field.Append(c);
                    }
                    continue;
                }
                if (c == '"' && !fieldStarted)
                {
                    quoted = true;
                    fieldStarted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                }
                else if (c is '\r' or '\n')
                {
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                        i++;
                    i++;
                    line++;
                    break;
                }
                else if (c == '"')
                {
                    error ??= "a double quote inside an unquoted field; quote the whole field and double the quote.";
                }
                else
                {
                    field.Append(c);
                    fieldStarted = fieldStarted || !char.IsWhiteSpace(c);
                }
            }
            if (quoted)
                error = "a quoted field is not closed before the end of the file.";
            fields.Add(field.ToString());
            yield return (start, fields, error);
        }
    }
}
