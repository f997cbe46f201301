import { expect } from 'chai';
import { mapUrl, withMapLinks } from './map-link';

describe('map links of addresses', () => {
  it('links coordinates to OpenStreetMap', () => {
    expect(mapUrl({ lat: 52.5219, lng: 13.4132 })).to.equal(
      'https://www.openstreetmap.org/?mlat=52.5219&mlon=13.4132#map=18/52.5219/13.4132',
    );
  });

  it('gives every address with coordinates its link, and takes none as given', () => {
    const values = {
      vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132, mapUrl: 'javascript:alert(1)' },
      depot: { text: 'Somewhere', mapUrl: 'https://example.com' },
      photo: { photoId: 'p1' },
      vin: 'WVWZZZ1JZXW000001',
    };
    expect(withMapLinks(values)).to.deep.equal({
      vehicleLocation: {
        text: 'Alexanderplatz 1, 10178 Berlin',
        lat: 52.5219,
        lng: 13.4132,
        mapUrl: mapUrl({ lat: 52.5219, lng: 13.4132 }),
      },
      depot: { text: 'Somewhere' },
      photo: { photoId: 'p1' },
      vin: 'WVWZZZ1JZXW000001',
    });
    expect(values.vehicleLocation.mapUrl, 'the stored values are left as they are').to.equal('javascript:alert(1)');
  });
});
