using System.Text.Json;

namespace G2G.Runtime.Organisation.Import;

/// <summary>
/// Reads the JSON import format (docs/organisation.md): one object with the arrays <c>agencies</c>, <c>guidance</c>,
/// <c>departments</c>, <c>users</c> (with their <c>positions</c>), <c>groups</c> (with their <c>members</c>) and
/// <c>delegations</c>. Problems are located by JSON path (<c>$.users[3].clearance</c>); a syntax error by line.
/// </summary>
internal static class JsonOrganisationReader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static OrganisationDocument Read(string json)
    {
        var document = new OrganisationDocument();
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, Options);
        }
        catch (JsonException error)
        {
            document.Problems.Add(new($"line {(error.LineNumber ?? 0) + 1}", $"not valid JSON: {error.Message}"));
            return document;
        }
        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                document.Problems.Add(new("$", "the file must contain one JSON object."));
                return document;
            }
            var reader = new Reader(document);
            foreach (var section in root.EnumerateObject())
            {
                var path = $"$.{section.Name}";
                Action<JsonElement, string>? read = section.Name switch
                {
                    "agencies" => reader.Agency,
                    "guidance" => reader.Guidance,
                    "departments" => reader.Department,
                    "users" => reader.User,
                    "groups" => reader.Group,
                    "delegations" => reader.Delegation,
                    _ => null,
                };
                if (read is null)
                {
                    document.Problems.Add(new(path, $"unknown section '{section.Name}'; expected agencies, guidance, departments, users, groups, delegations."));
                    continue;
                }
                if (section.Value.ValueKind != JsonValueKind.Array)
                {
                    document.Problems.Add(new(path, "must be an array."));
                    continue;
                }
                var index = 0;
                foreach (var item in section.Value.EnumerateArray())
                {
                    var itemPath = $"{path}[{index++}]";
                    if (item.ValueKind != JsonValueKind.Object)
                        document.Problems.Add(new(itemPath, "must be an object."));
                    else
                        read(item, itemPath);
                }
            }
        }
        return document;
    }

    private sealed class Reader(OrganisationDocument document)
    {
        private void Problem(string path, string message) => document.Problems.Add(new(path, message));

        /// <summary>Reports properties the item does not know (a misspelt field would otherwise be ignored silently).</summary>
        private bool Known(JsonElement item, string path, params string[] names)
        {
            var ok = true;
            foreach (var property in item.EnumerateObject().Where(p => !names.Contains(p.Name, StringComparer.Ordinal)))
            {
                Problem($"{path}.{property.Name}", $"unknown field; expected {string.Join(", ", names)}.");
                ok = false;
            }
            return ok;
        }

        private string? Text(JsonElement item, string path, string name, bool required)
        {
            if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                    Problem($"{path}.{name}", "is required.");
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                Problem($"{path}.{name}", "must be a string.");
                return null;
            }
            var text = ImportValues.Optional(value.GetString());
            if (text is null && required)
                Problem($"{path}.{name}", "must not be empty.");
            return text;
        }

        private List<(JsonElement Item, string Path)> Array(JsonElement item, string path, string name)
        {
            if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return [];
            if (value.ValueKind != JsonValueKind.Array)
            {
                Problem($"{path}.{name}", "must be an array.");
                return [];
            }
            return [.. value.EnumerateArray().Select((element, i) => (element, $"{path}.{name}[{i}]"))];
        }

        public void Agency(JsonElement item, string path)
        {
            var known = Known(item, path, "id", "name", "shortName", "kind", "parent");
            var id = Text(item, path, "id", true);
            var name = Text(item, path, "name", true);
            var kindText = Text(item, path, "kind", false);
            if (!ImportValues.TryKind(kindText, out var kind))
            {
                Problem($"{path}.kind", $"'{kindText}' is not an agency kind; use {ImportValues.KindsAccepted}.");
                return;
            }
            if (known && id is not null && name is not null)
                document.Agencies.Add(new(new NewAgency(id, name, Text(item, path, "parent", false), Text(item, path, "shortName", false), kind), path));
        }

        public void Guidance(JsonElement item, string path)
        {
            var known = Known(item, path, "superior", "subordinate");
            var superior = Text(item, path, "superior", true);
            var subordinate = Text(item, path, "subordinate", true);
            if (known && superior is not null && subordinate is not null)
                document.GuidanceLines.Add(new(new GuidanceLine(superior, subordinate), path));
        }

        public void Department(JsonElement item, string path)
        {
            var known = Known(item, path, "id", "agency", "name", "parent", "head");
            var id = Text(item, path, "id", true);
            var agency = Text(item, path, "agency", true);
            var name = Text(item, path, "name", true);
            if (known && id is not null && agency is not null && name is not null)
                document.Departments.Add(new(new NewDepartment(id, agency, name, Text(item, path, "parent", false), Text(item, path, "head", false)), path));
        }

        public void User(JsonElement item, string path)
        {
            var known = Known(item, path, "id", "name", "department", "agency", "clearance", "email", "password", "positions");
            var id = Text(item, path, "id", true);
            var name = Text(item, path, "name", true);
            var clearanceText = Text(item, path, "clearance", false);
            var clearanceOk = ImportValues.TryClearance(clearanceText, out var clearance);
            if (!clearanceOk)
                Problem($"{path}.clearance", $"'{clearanceText}' is not a clearance level; use {ClearanceLevels.Accepted}.");
            if (known && clearanceOk && id is not null && name is not null)
            {
                document.Users.Add(new(new NewUser(id, name, Text(item, path, "department", false), Text(item, path, "agency", false), clearance,
                    Text(item, path, "email", false), Text(item, path, "password", false)), path));
            }
            foreach (var (position, positionPath) in Array(item, path, "positions"))
            {
                if (position.ValueKind == JsonValueKind.String && ImportValues.Optional(position.GetString()) is { } title)
                {
                    if (id is not null)
                        document.Positions.Add(new(new PositionItem(id, title, null), positionPath));
                }
                else if (position.ValueKind == JsonValueKind.Object)
                {
                    var positionKnown = Known(position, positionPath, "name", "unit");
                    var positionName = Text(position, positionPath, "name", true);
                    if (positionKnown && id is not null && positionName is not null)
                        document.Positions.Add(new(new PositionItem(id, positionName, Text(position, positionPath, "unit", false)), positionPath));
                }
                else
                {
                    Problem(positionPath, "must be a position name or an object { \"name\", \"unit\" }.");
                }
            }
        }

        public void Group(JsonElement item, string path)
        {
            var known = Known(item, path, "id", "name", "agency", "members");
            var id = Text(item, path, "id", true);
            var name = Text(item, path, "name", true);
            if (known && id is not null && name is not null)
                document.Groups.Add(new(new GroupItem(id, name, Text(item, path, "agency", false)), path));
            foreach (var (member, memberPath) in Array(item, path, "members"))
            {
                if (member.ValueKind == JsonValueKind.String && ImportValues.Optional(member.GetString()) is { } user)
                {
                    if (id is not null)
                        document.Members.Add(new(new MemberItem(id, user), memberPath));
                }
                else
                {
                    Problem(memberPath, "must be a user id.");
                }
            }
        }

        public void Delegation(JsonElement item, string path)
        {
            var known = Known(item, path, "from", "to", "start", "end", "processes", "reason");
            var from = Text(item, path, "from", true);
            var to = Text(item, path, "to", true);
            var start = Date(item, path, "start");
            var end = Date(item, path, "end");
            var processes = new List<string>();
            foreach (var (process, processPath) in Array(item, path, "processes"))
            {
                if (process.ValueKind == JsonValueKind.String && ImportValues.Optional(process.GetString()) is { } key)
                    processes.Add(key);
                else
                    Problem(processPath, "must be a process key.");
            }
            if (known && from is not null && to is not null && start is { } s && end is { } e)
                document.Delegations.Add(new(new NewDelegation(from, to, s, e, processes, Text(item, path, "reason", false)), path));
        }

        private DateOnly? Date(JsonElement item, string path, string name)
        {
            var text = Text(item, path, name, true);
            if (text is null)
                return null;
            if (ImportValues.TryDate(text, out var date))
                return date;
            Problem($"{path}.{name}", $"'{text}' is not a date written yyyy-MM-dd.");
            return null;
        }
    }
}
