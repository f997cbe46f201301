import { expect } from 'chai';
import { suggestionBudget } from './suggest';

describe('suggestionBudget', () => {
  it('suggests until its comparisons are spent, then stays silent', () => {
    const suggestions = suggestionBudget(5);
    const fields = ['boxSerial', 'boxQnr'];
    expect(suggestions.didYouMean('boxSerail', fields)).to.equal(' (did you mean "boxSerial"?)');
    expect(suggestions.closestName('boxQrn', fields)).to.equal('boxQnr');
    // 4 of 5 comparisons spent: 2 more do not fit.
    expect(suggestions.didYouMean('boxSerail', fields)).to.equal('');
    expect(suggestions.closestName('boxSerail', ['boxSerial'])).to.equal(undefined);
  });
});
