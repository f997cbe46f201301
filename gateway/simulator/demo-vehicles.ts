import type { SimulatedVehicleSeed } from './simulated-fleet';

/** A small fleet that looks like a German car-sharing provider's, for `npm start` and demos. */
export function demoVehicles(): SimulatedVehicleSeed[] {
  return [
    {
      id: '01H5EYWM66KSJE9RESRXQ8R0S8',
      telematicsUnitId: 'C693EE96ADAEF932',
      vehicleModelId: '01GPDEGSM04EDMWRB65GBQ6QTZ', // Volkswagen Golf 8
      vin: 'WVWZZZCDZMW072341',
      licensePlate: 'B-IJ 1234',
      centralLock: 'locked',
      drivingEnabled: false,
    },
    {
      id: '01H81BKVS725TXWS5HTRXA8VXH',
      telematicsUnitId: 'A62DFA94E88B0CF0',
      vehicleModelId: '01GRZV8171CTR2J2NDSA310FVP', // Volkswagen ID.3
      vin: 'WVWZZZE1ZNP031762',
      licensePlate: 'M-CB 2045E',
      centralLock: 'locked',
      drivingEnabled: false,
    },
    {
      id: '01HAKRB3C8ZADHWPM9C9JAEGPH',
      telematicsUnitId: '004E9E711458512C',
      vehicleModelId: '01GVAGS3T2N5XKS3P6YAH288SP', // Opel Corsa-e
      vin: 'VXKUKZKXZLR045117',
      licensePlate: 'HH-VR 318E',
      centralLock: 'unlocked',
      drivingEnabled: true,
    },
    {
      id: '01GPDEJXZ9E36VSX304VDB4XP8',
      telematicsUnitId: '8E17312DA1102182',
      vehicleModelId: '01GXWXGBD3AJGZ8EKG0T0VKKQG', // Renault Zoe
      vin: 'VF1AG000664512837',
      licensePlate: 'K-ZE 7731E',
      centralLock: 'locked',
      drivingEnabled: false,
    },
    {
      id: '01GRZVA5JAZ6Q7K193QGNGYJ9S',
      telematicsUnitId: '96C5AB55FCA0B872',
      vehicleModelId: '01H0CQTW04J1DTQWA7PK6FF4VD', // Fiat 500e
      vin: 'ZFAEFAC39NX041872',
      licensePlate: 'F-EF 5120E',
      centralLock: 'locked',
      drivingEnabled: false,
    },
    {
      id: '01GVAGV85BFW1S4P10DY9X1PD8',
      telematicsUnitId: '2DDA7CBD3A6CD76B',
      vehicleModelId: '01H2Z4J3K59FWABSAXSXKW1KPP', // Ford Transit Custom, no immobiliser
      vin: 'WF0YXXTTGYMK51873',
      licensePlate: 'S-TC 4410',
      centralLock: 'locked',
    },
  ];
}
