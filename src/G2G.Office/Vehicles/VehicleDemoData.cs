using G2G.Office.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Vehicles;

/// <summary>The motor pools of the demo province: the agencies whose 办公室 dispatches 用车申请.</summary>
internal static class VehicleDemoData
{
    private static readonly (string Agency, string Plate, string Model, int Seats, int Km)[] Vehicles =
    [
        ("sf-fin", "示A·00101", "红旗 H5", 4, 36_210), ("sf-fin", "示A·00102", "别克 GL8", 6, 88_940),
        ("sf-edu", "示A·00201", "大众 帕萨特", 4, 51_300), ("dc-fin", "示B·00301", "比亚迪 汉", 4, 12_480),
    ];

    private static readonly (string Agency, string Code, string Name, string Phone)[] Drivers =
    [
        ("sf-fin", "D01", "周建国", "13900000101"), ("sf-fin", "D02", "吴海", "13900000102"),
        ("sf-edu", "D01", "郑平", "13900000201"), ("dc-fin", "D01", "冯立", "13900000301"),
    ];

    /// <summary>Adds the vehicles and drivers; does nothing when any vehicle exists already.</summary>
    public static async Task<int> SeedAsync(OfficeDbContext office, CancellationToken cancellationToken)
    {
        if (await office.Set<VehicleRecord>().AnyAsync(cancellationToken).ConfigureAwait(false))
            return 0;
        foreach (var v in Vehicles)
            office.Add(new VehicleRecord { AgencyId = v.Agency, Plate = v.Plate, Model = v.Model, Seats = v.Seats,
                OdometerKm = v.Km });
        foreach (var d in Drivers)
            office.Add(new DriverRecord { AgencyId = d.Agency, Code = d.Code, Name = d.Name, Phone = d.Phone });
        await office.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Vehicles.Length + Drivers.Length;
    }
}
