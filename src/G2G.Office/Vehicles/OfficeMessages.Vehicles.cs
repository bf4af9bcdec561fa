using G2G.Runtime;

namespace G2G.Office;

// 用车申请: the messages of Vehicles/ (templates in Text/OfficeMessages.resx and OfficeMessages.en.resx).
public static partial class OfficeMessages
{
    public static RuntimeText NoVehicle(string plate) => Catalog.Text(nameof(NoVehicle), plate);
    public static RuntimeText NoDriver(string code) => Catalog.Text(nameof(NoDriver), code);
    public static RuntimeText TooFewSeats(string plate, long seats, long passengers) => Catalog.Text(nameof(TooFewSeats), plate, seats, passengers);
    public static RuntimeText VehicleBooked(string plate, string span, long instanceId) => Catalog.Text(nameof(VehicleBooked), plate, span, instanceId);
    public static RuntimeText DriverBooked(string driver, string span, long instanceId) => Catalog.Text(nameof(DriverBooked), driver, span, instanceId);
    public static RuntimeText OdometerBackwards(string plate, long last) => Catalog.Text(nameof(OdometerBackwards), plate, last);
    public static RuntimeText TripInPast() => Catalog.Text(nameof(TripInPast));
    public static RuntimeText TripEndsBeforeStart() => Catalog.Text(nameof(TripEndsBeforeStart));
    public static RuntimeText TripTooLong() => Catalog.Text(nameof(TripTooLong));
    public static RuntimeText VehicleNotFound(long id) => Catalog.Text(nameof(VehicleNotFound), id);
    public static RuntimeText DriverNotFound(long id) => Catalog.Text(nameof(DriverNotFound), id);
    public static RuntimeText PlateExists(string plate) => Catalog.Text(nameof(PlateExists), plate);
    public static RuntimeText DriverExists(string code, string agencyId) => Catalog.Text(nameof(DriverExists), code, agencyId);
    public static RuntimeText OdometerNotBackwards(long km) => Catalog.Text(nameof(OdometerNotBackwards), km);
}
