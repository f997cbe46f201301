import { expect } from 'chai';
import { addTechnicianBody } from './schema';

describe('adding a technician, as the OpenAPI document tells it', () => {
  it('says an address is unique within the company, as the database holds it (users_organisation_email_unique), not across installer-jobs', () => {
    const { description } = addTechnicianBody.properties.email;
    expect(description).to.not.include('across installer-jobs');
    expect(description).to.include('one account per address in your company');
    expect(description).to.include('409 email-taken');
  });
});
