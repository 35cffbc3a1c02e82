import { describe, expect, it } from 'vitest';
import { canonicalPlaces, lookupMunicipality } from '../../src/normalize/places.js';

describe('region from the municipality through the classifier (ОКТМО)', () => {
  it('finds a municipality by the name that survives reforms', () => {
    expect(lookupMunicipality('Лысьвенский городской округ')).toEqual({ region: 'Пермский край', oktmo: '57726000' });
    // Classifier 2019: "Верещагинский муниципальный район".
    expect(lookupMunicipality('Верещагинский городской округ')).toEqual({ region: 'Пермский край', oktmo: '57612000' });
    expect(lookupMunicipality('Сургутский район')?.region).toBe('Ханты-Мансийский автономный округ – Югра');
    expect(lookupMunicipality('город Копейск')?.region).toBe('Челябинская область');
  });

  it('leaves a name several regions share to the document', () => {
    expect(lookupMunicipality('Сокольский муниципальный район')).toBeNull();
    expect(lookupMunicipality('Сокольский муниципальный район', 'Вологодская область')).toEqual({ region: 'Вологодская область', oktmo: '19638000' });
    // "Пермский" is a district and an urban okrug of one region: the region is known, the code by the kind.
    expect(lookupMunicipality('Пермский муниципальный район')).toEqual({ region: 'Пермский край', oktmo: '57646000' });
  });

  it('fills only a region the document does not name', () => {
    expect(canonicalPlaces(null, 'Лысьвенского городского округа')).toEqual({ region: 'Пермский край', municipality: 'Лысьвенский городской округ', oktmo: '57726000' });
    expect(canonicalPlaces('Пермского края', null)).toEqual({ region: 'Пермский край', municipality: null, oktmo: null });
    expect(canonicalPlaces(null, 'Неведомский район')).toEqual({ region: null, municipality: 'Неведомский район', oktmo: null });
  });

  it('spells a city as the classifier does when the rules cannot decline it back', () => {
    // «ГОРОДСКАЯ УПРАВА ГОРОДА КАЛУГИ», «АДМИНИСТРАЦИЯ ГОРОДА РОСТОВА-НА-ДОНУ» (fixtures/regional-unseen/headers).
    expect(canonicalPlaces(null, 'города Калуги')).toEqual({ region: 'Калужская область', municipality: 'город Калуга', oktmo: '29701000' });
    expect(canonicalPlaces(null, 'ГОРОДА РОСТОВА-НА-ДОНУ')).toEqual({ region: 'Ростовская область', municipality: 'город Ростов-на-Дону', oktmo: '60701000' });
    // A district keeps the type words the document gives it (the classifier's are older).
    expect(canonicalPlaces(null, 'Верещагинского городского округа').municipality).toBe('Верещагинский городской округ');
  });
});
