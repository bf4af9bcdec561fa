using System.Text.Json;
using System.Text.Json.Nodes;

namespace G2G.Runtime.Organisation;

/// <summary>Organisations for development and demonstrations, in the JSON import format.</summary>
public static class OrganisationSeed
{
    /// <summary>
    /// A small fictional province (示范省): the provincial government with its general office, finance and education
    /// departments; two cities (东城市 with its finance bureau and 安平县, 西山市 with 临野县); departments, 38 users
    /// with positions and clearances, two groups, the guidance line 省财政厅 → 东城市财政局 and one delegation; and the
    /// judicial agencies 省高级人民法院, 省人民检察院 and 东城市中级人民法院 (each with its 办公室 and 档案室), outside the
    /// government tree. Every agency has an 办公室主任, to whom its principal leader's overdue steps escalate (督办): the
    /// head of its 办公室, in 省政府办公厅 the head of its 秘书处, and for 省人民政府 the director of its 办公厅 (李华).
    /// Import it with <c>OrganisationImporter.ImportAsync(json, ImportFormat.Json, actor)</c>. With
    /// <paramref name="password"/> every user gets that password (demo sign-in); without, nobody can sign in.
    /// </summary>
    public static string DemoProvince(string? password = null)
    {
        if (password is null)
            return DemoProvinceJson;
        var root = JsonNode.Parse(DemoProvinceJson)!.AsObject();
        foreach (var user in root["users"]!.AsArray())
            user!.AsObject()["password"] = password;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private const string DemoProvinceJson = """
    {
      "agencies": [
        { "id": "sf", "name": "示范省人民政府", "shortName": "示政", "kind": "government" },
        { "id": "sf-office", "name": "示范省人民政府办公厅", "shortName": "示政办", "kind": "office", "parent": "sf" },
        { "id": "sf-fin", "name": "示范省财政厅", "shortName": "示财", "kind": "bureau", "parent": "sf" },
        { "id": "sf-edu", "name": "示范省教育厅", "shortName": "示教", "kind": "bureau", "parent": "sf" },
        { "id": "dc", "name": "东城市人民政府", "shortName": "东政", "kind": "government", "parent": "sf" },
        { "id": "dc-fin", "name": "东城市财政局", "shortName": "东财", "kind": "bureau", "parent": "dc" },
        { "id": "dc-ap", "name": "安平县人民政府", "shortName": "安政", "kind": "government", "parent": "dc" },
        { "id": "xs", "name": "西山市人民政府", "shortName": "西政", "kind": "government", "parent": "sf" },
        { "id": "xs-ly", "name": "临野县人民政府", "shortName": "临政", "kind": "government", "parent": "xs" },
        { "id": "sf-court", "name": "示范省高级人民法院", "shortName": "示高法", "kind": "other" },
        { "id": "sf-proc", "name": "示范省人民检察院", "shortName": "示检", "kind": "other" },
        { "id": "dc-court", "name": "东城市中级人民法院", "shortName": "东中法", "kind": "other" }
      ],
      "guidance": [
        { "superior": "sf-fin", "subordinate": "dc-fin" },
        { "superior": "sf-court", "subordinate": "dc-court" }
      ],
      "departments": [
        { "id": "sf-office-wdc", "agency": "sf-office", "name": "文电处", "head": "zhou.wen" },
        { "id": "sf-office-msc", "agency": "sf-office", "name": "秘书处", "head": "qin.shu" },
        { "id": "sf-fin-bgs", "agency": "sf-fin", "name": "办公室", "head": "zhang.min" },
        { "id": "sf-fin-ysc", "agency": "sf-fin", "name": "预算处", "head": "huang.qiang" },
        { "id": "sf-fin-ysc-1", "agency": "sf-fin", "name": "预算一科", "parent": "sf-fin-ysc", "head": "wu.fang" },
        { "id": "sf-fin-fgc", "agency": "sf-fin", "name": "法规处", "head": "tian.lv" },
        { "id": "sf-edu-bgs", "agency": "sf-edu", "name": "办公室", "head": "lin.xue" },
        { "id": "dc-bgs", "agency": "dc", "name": "市政府办公室", "head": "cao.lei" },
        { "id": "dc-fin-bgs", "agency": "dc-fin", "name": "办公室", "head": "luo.yi" },
        { "id": "dc-ap-bgs", "agency": "dc-ap", "name": "县政府办公室", "head": "pan.ning" },
        { "id": "xs-bgs", "agency": "xs", "name": "市政府办公室", "head": "jiang.tao" },
        { "id": "xs-ly-bgs", "agency": "xs-ly", "name": "县政府办公室", "head": "xie.lin" },
        { "id": "sf-court-bgs", "agency": "sf-court", "name": "办公室", "head": "zhong.zheng" },
        { "id": "sf-court-das", "agency": "sf-court", "name": "档案室", "head": "lu.dang" },
        { "id": "sf-proc-bgs", "agency": "sf-proc", "name": "办公室", "head": "wei.ming" },
        { "id": "sf-proc-das", "agency": "sf-proc", "name": "档案室", "head": "fang.juan" },
        { "id": "dc-court-bgs", "agency": "dc-court", "name": "办公室", "head": "jia.ping" },
        { "id": "dc-court-das", "agency": "dc-court", "name": "档案室", "head": "ke.cang" }
      ],
      "users": [
        { "id": "wang.jianguo", "name": "王建国", "agency": "sf", "clearance": "绝密", "positions": [ { "name": "主要领导", "unit": "sf" } ] },
        { "id": "li.hua", "name": "李华", "agency": "sf-office", "clearance": "机密", "positions": [ { "name": "主要领导", "unit": "sf-office" }, { "name": "办公室主任", "unit": "sf" } ] },
        { "id": "zhou.wen", "name": "周文", "department": "sf-office-wdc", "clearance": "机密", "positions": [ "处长" ] },
        { "id": "chen.jing", "name": "陈静", "department": "sf-office-wdc", "clearance": "秘密", "positions": [ "收发员" ] },
        { "id": "qin.shu", "name": "秦书", "department": "sf-office-msc", "clearance": "机密", "positions": [ "办公室主任" ] },
        { "id": "liu.cai", "name": "刘财", "agency": "sf-fin", "clearance": "机密", "positions": [ { "name": "主要领导", "unit": "sf-fin" } ] },
        { "id": "sun.li", "name": "孙立", "agency": "sf-fin", "clearance": "机密", "positions": [ { "name": "分管领导", "unit": "sf-fin" } ] },
        { "id": "zhang.min", "name": "张敏", "department": "sf-fin-bgs", "clearance": "秘密", "positions": [ "办公室主任", "收发员" ] },
        { "id": "huang.qiang", "name": "黄强", "department": "sf-fin-ysc", "clearance": "秘密", "email": "huang.qiang@sf-fin.example.gov.cn", "positions": [ "处长" ] },
        { "id": "wu.fang", "name": "吴芳", "department": "sf-fin-ysc-1", "clearance": "内部", "positions": [ "科长" ] },
        { "id": "zheng.kai", "name": "郑凯", "department": "sf-fin-ysc-1", "clearance": "内部", "positions": [ "科员" ] },
        { "id": "he.na", "name": "何娜", "department": "sf-fin-bgs", "clearance": "内部", "positions": [ "财务" ] },
        { "id": "ma.lin", "name": "马林", "department": "sf-fin-bgs", "clearance": "内部", "positions": [ "采购专员" ] },
        { "id": "tian.lv", "name": "田律", "department": "sf-fin-fgc", "clearance": "秘密", "positions": [ "处长" ] },
        { "id": "gao.jiao", "name": "高教", "agency": "sf-edu", "clearance": "机密", "positions": [ { "name": "主要领导", "unit": "sf-edu" } ] },
        { "id": "lin.xue", "name": "林雪", "department": "sf-edu-bgs", "clearance": "秘密", "positions": [ "办公室主任" ] },
        { "id": "qian.dong", "name": "钱东", "agency": "dc", "clearance": "机密", "positions": [ { "name": "主要领导", "unit": "dc" } ] },
        { "id": "cao.lei", "name": "曹磊", "department": "dc-bgs", "clearance": "机密", "positions": [ "办公室主任" ] },
        { "id": "xu.ming", "name": "徐明", "agency": "dc-fin", "clearance": "机密", "positions": [ { "name": "主要领导", "unit": "dc-fin" } ] },
        { "id": "luo.yi", "name": "罗怡", "department": "dc-fin-bgs", "clearance": "内部", "positions": [ "办公室主任", "收发员" ] },
        { "id": "tang.an", "name": "唐安", "agency": "dc-ap", "clearance": "秘密", "positions": [ { "name": "主要领导", "unit": "dc-ap" } ] },
        { "id": "pan.ning", "name": "潘宁", "department": "dc-ap-bgs", "clearance": "秘密", "positions": [ "办公室主任" ] },
        { "id": "song.shan", "name": "宋山", "agency": "xs", "clearance": "机密", "positions": [ { "name": "主要领导", "unit": "xs" } ] },
        { "id": "jiang.tao", "name": "姜涛", "department": "xs-bgs", "clearance": "机密", "positions": [ "办公室主任" ] },
        { "id": "feng.ye", "name": "冯野", "agency": "xs-ly", "clearance": "秘密", "positions": [ { "name": "主要领导", "unit": "xs-ly" } ] },
        { "id": "xie.lin", "name": "谢林", "department": "xs-ly-bgs", "clearance": "秘密", "positions": [ "办公室主任" ] },
        { "id": "shen.fa", "name": "沈法", "agency": "sf-court", "clearance": "机密", "positions": [ { "name": "主要领导", "unit": "sf-court" } ] },
        { "id": "zhong.zheng", "name": "钟正", "department": "sf-court-bgs", "clearance": "机密", "positions": [ "办公室主任" ] },
        { "id": "lu.dang", "name": "陆档", "department": "sf-court-das", "clearance": "秘密", "positions": [ "档案室主任" ] },
        { "id": "xu.ji", "name": "许记", "department": "sf-court-das", "clearance": "内部", "positions": [ "书记员" ] },
        { "id": "yan.jian", "name": "严检", "agency": "sf-proc", "clearance": "机密", "positions": [ { "name": "主要领导", "unit": "sf-proc" } ] },
        { "id": "wei.ming", "name": "魏明", "department": "sf-proc-bgs", "clearance": "机密", "positions": [ "办公室主任" ] },
        { "id": "fang.juan", "name": "方卷", "department": "sf-proc-das", "clearance": "秘密", "positions": [ "档案室主任" ] },
        { "id": "bai.an", "name": "白案", "department": "sf-proc-das", "clearance": "内部", "positions": [ "书记员" ] },
        { "id": "du.shen", "name": "杜审", "agency": "dc-court", "clearance": "机密", "positions": [ { "name": "主要领导", "unit": "dc-court" } ] },
        { "id": "jia.ping", "name": "贾平", "department": "dc-court-bgs", "clearance": "机密", "positions": [ "办公室主任" ] },
        { "id": "ke.cang", "name": "柯藏", "department": "dc-court-das", "clearance": "秘密", "positions": [ "档案室主任" ] },
        { "id": "mo.lu", "name": "莫录", "department": "dc-court-das", "clearance": "内部", "positions": [ "书记员" ] }
      ],
      "groups": [
        { "id": "sf-fin-leaders", "name": "财政厅领导班子", "agency": "sf-fin", "members": [ "liu.cai", "sun.li" ] },
        { "id": "receivers", "name": "收文登记组", "members": [ "chen.jing", "zhang.min", "luo.yi" ] }
      ],
      "delegations": [
        { "from": "huang.qiang", "to": "wu.fang", "start": "2026-12-01", "end": "2026-12-15", "processes": [ "travel", "leave" ], "reason": "出差期间委托预算一科科长办理" }
      ]
    }
    """;
}
